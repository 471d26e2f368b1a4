import Link from 'next/link'
import { can } from '@/lib/access/permissions'
import { Alert, Badge, Card, PageTitle } from '@/components/ui'
import { getLocale, getT } from '@/lib/i18n/server'
import { navigationFor } from '@/lib/navigation'
import { actorOf, requireUser } from '@/lib/server/session'
import { dueReports } from '@/lib/reports/queries'
import { inboxOf } from '@/lib/dashboard/inbox'
import { isOverdue } from '@/lib/inbox/rules'
import { todayIso } from '@/lib/dates'
import { idCheckAlerts, OUT_OF_SCOPE_DAILY_CAP } from '@/lib/registry/id-checks'
import { periodLabel, statusName } from '@/lib/reports/present'
import { StatusBadge, TimelinessBadge } from '@/components/reports/ReportTable'
import { ownRegionEnded, usersOfEndedRegions } from '@/lib/regions/history'

/** How many of the inbox's items the home page shows; the rest are a click away. */
const HOME_ITEMS = 8

export default async function HomePage({ searchParams }: { searchParams: Promise<{ passwordChanged?: string }> }) {
  const user = await requireUser()
  const t = await getT()
  const { passwordChanged } = await searchParams
  const shortcuts = navigationFor(user).filter((n) => n.href !== '/')
  const unitReports = can(user, 'report.unit')
  const [locale, actor] = await Promise.all([getLocale(), actorOf(user)])
  // the first items of the user's inbox (every module's, overdue first); the whole list is at /inbox
  const [due, inbox] = await Promise.all([unitReports ? dueReports(user) : Promise.resolve([]), inboxOf({ actor, subject: user }, t, locale)])
  const mayPrepare = can(user, 'report.prepare')
  const items: { key: string; text: string; href: string; dueDate?: string | null }[] = inbox
    .slice(0, HOME_ITEMS)
    .map((i) => ({ key: i.key, text: i.title, href: i.href, dueDate: i.dueDate }))
  const count = (key: string, n: number | null, text: (count: number) => string, href: string) => {
    if (n) items.push({ key, text: text(n), href })
  }
  // region changes (decision 0011): users left in an ended region are reassigned, nobody loses access silently
  const [endedUsers, ownEnded] = await Promise.all([usersOfEndedRegions(user), ownRegionEnded(user)])
  count('endedUsers', endedUsers.length, (n) => t('regionHistory.endedUsers.notice', { count: n }), '/users')
  const importAlerts = await idCheckAlerts(user)
  const today = todayIso()
  const timeOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
  return (
    <>
      <PageTitle>{t('home.welcome', { name: user.name })}</PageTitle>
      {passwordChanged ? (
        <div className="mb-4">
          <Alert kind="success">{t('home.passwordChanged')}</Alert>
        </div>
      ) : null}
      {ownEnded ? (
        <div className="mb-4">
          <Alert kind="warning">{t('regionHistory.yourRegionEnded', { name: ownEnded.name, date: ownEnded.endedOn })}</Alert>
        </div>
      ) : null}
      {importAlerts.length > 0 ? (
        <div className="mb-4" data-testid="import-alerts">
          <Alert kind="warning">
            <p className="font-medium">{t('imports.alerts.title')}</p>
            <ul className="mt-1 list-inside list-disc">
              {importAlerts.map((a, i) => (
                <li key={i}>
                  <Link className="underline" href={`/audit?${new URLSearchParams({ user: a.actorName ?? '' })}`}>
                    {t(a.source === 'import' ? 'imports.alerts.capLine' : 'imports.alerts.entryCapLine', {
                      user: a.actorName ?? '—',
                      time: timeOf(a.at),
                      hits: a.hitsToday,
                      cap: OUT_OF_SCOPE_DAILY_CAP,
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
      <Card className="mb-4">
        <h2 className="mb-2 text-sm font-medium text-slate-700">{t('home.work.title')}</h2>
        {items.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="work-list-empty">
            {t('home.work.nothing')}
          </p>
        ) : (
          <ul data-testid="work-list" className="space-y-1 text-sm">
            {items.map((item) => (
              <li key={item.key} data-testid={`work-${item.key}`}>
                <Link className="text-brand-700 underline" href={item.href}>
                  {item.text}
                </Link>
                {item.dueDate ? (
                  <span className="ml-2 text-xs text-slate-500">
                    {t('inbox.due')} {item.dueDate}
                  </span>
                ) : null}{' '}
                {item.dueDate && isOverdue({ dueDate: item.dueDate }, today) ? <Badge tone="red">{t('inbox.overdue')}</Badge> : null}
              </li>
            ))}
          </ul>
        )}
        {inbox.length > 0 ? (
          <p className="mt-2 text-sm">
            <Link className="text-brand-600 hover:underline" href="/inbox" data-testid="home-inbox-link">
              {t('inbox.seeAll', { count: inbox.length })}
            </Link>
          </p>
        ) : null}
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">{t('home.yourRole')}</dt>
            <dd>{t(`roles.${user.role}`)}</dd>
            <dt className="text-slate-500">{t('home.yourRegion')}</dt>
            <dd>
              {user.regionName}
              {t('common.paren', { text: t(`levels.${user.regionLevel}`) })}
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
        </Card>
        {can(user, 'dashboard.view') ? (
          <Card>
            <h2 className="mb-2 text-sm font-medium text-slate-700">{t('inbox.dashboards')}</h2>
            <p className="mb-3 text-sm text-slate-600">{t('inbox.dashboardsIntro')}</p>
            <Link href="/dashboard" className="inline-block rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
              {t('inbox.dashboardsOpen')}
            </Link>
          </Card>
        ) : null}
        {unitReports ? (
          <Card className="md:col-span-2">
            <h2 className="mb-2 text-sm font-medium text-slate-700">{t('reports.home.title')}</h2>
            {due.length === 0 ? (
              <p className="text-sm text-slate-500">{t('reports.home.none')}</p>
            ) : (
              <ul data-testid="due-reports" className="divide-y divide-slate-100 text-sm">
                {due.map((d) => (
                  <li key={d.kind} className="flex flex-wrap items-center gap-2 py-2">
                    <span className="min-w-64">
                      {t('reports.home.due', { kind: t(`reports.kind.${d.kind}`), period: periodLabel(t, d.period), deadline: d.deadline })}
                    </span>
                    {d.status ? (
                      <StatusBadge
                        status={statusName({ status: d.status, returned: d.returned, level: user.regionLevel === 'COUNTY' ? 'COUNTY' : 'TOWNSHIP' })}
                        t={t}
                      />
                    ) : (
                      <Badge>{t('reports.status.NONE')}</Badge>
                    )}
                    <TimelinessBadge timeliness={d.timeliness} t={t} />
                    {d.reportId ? (
                      <Link className="text-brand-600 hover:underline" href={`/reports/${d.reportId}`}>
                        {t('reports.list.open')}
                      </Link>
                    ) : mayPrepare ? (
                      <Link className="text-brand-600 hover:underline" href={`/reports?${new URLSearchParams({ kind: d.kind, period: d.period.key })}`}>
                        {t('reports.home.open')}
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
      </div>
    </>
  )
}
