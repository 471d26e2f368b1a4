import Link from 'next/link'
import { can } from '@/lib/access/permissions'
import { Alert, Card, PageTitle } from '@/components/ui'
import { getT } from '@/lib/i18n/server'
import { NAVIGATION } from '@/lib/navigation'
import { requireUser } from '@/lib/server/session'

export default async function HomePage({ searchParams }: { searchParams: Promise<{ passwordChanged?: string }> }) {
  const user = await requireUser()
  const t = await getT()
  const { passwordChanged } = await searchParams
  const shortcuts = NAVIGATION.filter((n) => n.href !== '/' && (!n.permission || can(user, n.permission)))
  return (
    <>
      <PageTitle>{t('home.welcome', { name: user.name })}</PageTitle>
      {passwordChanged ? (
        <div className="mb-4">
          <Alert kind="success">{t('home.passwordChanged')}</Alert>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">{t('home.yourRole')}</dt>
            <dd>{t(`roles.${user.role}`)}</dd>
            <dt className="text-slate-500">{t('home.yourRegion')}</dt>
            <dd>
              {user.regionName}（{t(`levels.${user.regionLevel}`)}）
            </dd>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-2 text-sm font-medium text-slate-700">{t('home.nextSteps')}</h2>
          {shortcuts.length > 0 ? (
            <ul className="flex flex-wrap gap-2">
              {shortcuts.map((s) => (
                <li key={s.href}>
                  <Link href={s.href} className="inline-block rounded-md border border-slate-200 px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50">
                    {t(s.label)}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="mt-3 text-sm text-slate-500">{t('home.comingSoon')}</p>
        </Card>
      </div>
    </>
  )
}
