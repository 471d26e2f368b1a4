import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { assignableRegions, getUser } from '@/lib/access/queries'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { routeId } from '@/lib/validation/fields'
import { Badge, ButtonLink, Card, formatDateTime, PageTitle } from '@/components/ui'
import { EditUserForm, UserAccountActions } from '@/components/users/UserForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('users.title') }
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requireUser('user.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const id = routeId((await params).id)
  const user = id ? await getUser(me, id) : null
  if (!user) notFound()
  const manage = can(me, 'user.manage') && user.id !== me.id
  return (
    <>
      <PageTitle actions={<ButtonLink href="/users">{t('common.back')}</ButtonLink>}>{t('users.editTitle', { username: user.username })}</PageTitle>
      <Card className="mb-4">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t('users.username')}</dt>
          <dd className="font-mono">{user.username}</dd>
          <dt className="text-slate-500">{t('users.region')}</dt>
          <dd>{user.region.name}</dd>
          <dt className="text-slate-500">{t('common.status')}</dt>
          <dd className="space-x-1">
            {user.active ? <Badge tone="green">{t('common.active')}</Badge> : <Badge tone="red">{t('common.inactive')}</Badge>}
            {user.locked ? <Badge tone="amber">{t('users.locked')}</Badge> : null}
            {user.mustChangePassword ? <Badge>{t('users.mustChange')}</Badge> : null}
          </dd>
          <dt className="text-slate-500">{t('users.lastLogin')}</dt>
          <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, locale) : t('users.never')}</dd>
        </dl>
      </Card>
      {manage ? (
        <>
          <Card className="mb-4">
            <EditUserForm
              user={{ id: user.id, version: user.version, name: user.name, role: user.role, regionId: user.region.id }}
              regions={await assignableRegions(me)}
            />
          </Card>
          <Card>
            <UserAccountActions user={{ id: user.id, version: user.version, name: user.name, active: user.active }} />
          </Card>
        </>
      ) : null}
    </>
  )
}
