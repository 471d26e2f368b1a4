import type { Metadata } from 'next'
import Link from 'next/link'
import { can } from '@/lib/access/permissions'
import { listUsers } from '@/lib/access/queries'
import { userListSchema } from '@/lib/access/schemas'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { Badge, buttonClass, ButtonLink, EmptyState, formatDateTime, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'
import { EndedRegionUsers } from '@/components/regions/EndedRegionUsers'
import { usersOfEndedRegions } from '@/lib/regions/history'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('users.title') }
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('user.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const filter = userListSchema.catch({ q: '', page: 1 }).parse(await searchParams)
  const [users, ended] = await Promise.all([listUsers(user, filter), usersOfEndedRegions(user)])
  const href = (page: number) => `/users?${new URLSearchParams({ q: filter.q, page: String(page) })}`
  return (
    <>
      <PageTitle
        actions={
          can(user, 'user.manage') ? (
            <ButtonLink kind="primary" href="/users/new">
              {t('users.create')}
            </ButtonLink>
          ) : null
        }
      >
        {t('users.title')}
      </PageTitle>
      <EndedRegionUsers users={ended} />
      <form className="no-print mb-3 flex flex-wrap gap-2" role="search">
        <input
          name="q"
          defaultValue={filter.q}
          maxLength={50}
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          className={`${inputClass} max-w-xs`}
        />
        <button type="submit" className={buttonClass.secondary}>
          {t('common.search')}
        </button>
      </form>
      {users.total === 0 ? (
        <EmptyState>{t('users.noUsers')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('users.username')}</Th>
                <Th>{t('users.name')}</Th>
                <Th>{t('users.role')}</Th>
                <Th>{t('users.region')}</Th>
                <Th>{t('common.status')}</Th>
                <Th>{t('users.lastLogin')}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.rows.map((u) => (
                <tr key={u.id}>
                  <Td className="font-mono">
                    <Link className="text-brand-600 hover:underline" href={`/users/${u.id}`}>
                      {u.username}
                    </Link>
                  </Td>
                  <Td>{u.name}</Td>
                  <Td>{t(`roles.${u.role}`)}</Td>
                  <Td>{u.region.name}</Td>
                  <Td className="space-x-1">
                    {u.active ? <Badge tone="green">{t('common.active')}</Badge> : <Badge tone="red">{t('common.inactive')}</Badge>}
                    {u.locked ? <Badge tone="amber">{t('users.locked')}</Badge> : null}
                    {u.mustChangePassword ? <Badge>{t('users.mustChange')}</Badge> : null}
                  </Td>
                  <Td className="whitespace-nowrap">{u.lastLoginAt ? formatDateTime(u.lastLoginAt, locale) : t('users.never')}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={users} href={href} />
        </>
      )}
    </>
  )
}
