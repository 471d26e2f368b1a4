import type { Metadata } from 'next'
import Link from 'next/link'
import { z } from 'zod'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { page as pageParam } from '@/lib/validation/fields'
import { liveRegionOptions, listReports, reportablePeriods, settingsFor } from '@/lib/reports/queries'
import { reportKind } from '@/lib/reports/schemas'
import { periodLabel, periodOptions, statusName } from '@/lib/reports/present'
import { Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'
import { LivePicker, PrepareForm } from '@/components/reports/ReportForms'
import { StatusBadge, TimelinessBadge } from '@/components/reports/ReportTable'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.title') }
}

const query = z.object({ page: pageParam, kind: reportKind.optional().catch(undefined), period: z.string().max(10).optional().catch(undefined) })

/**
 * Townships and the county: prepare a report, the unit's reports (the county also sees its
 * townships'), live figures of any unit below. Villages: live figures of their village.
 */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('report.view')
  const t = await getT()
  const { page, kind, period } = query.parse(await searchParams)
  const settings = await settingsFor(user)
  const periods = periodOptions(t, reportablePeriods(settings))
  const regions = await liveRegionOptions(user)
  const unitLevel = user.regionLevel === 'TOWNSHIP' || user.regionLevel === 'COUNTY'
  const live = (
    <Card className="mb-4">
      <h2 className="mb-1 font-medium text-slate-800">{t('reports.list.live')}</h2>
      <p className="mb-3 text-sm text-slate-600">{t(unitLevel ? 'reports.live.intro' : 'reports.list.liveIntro')}</p>
      <LivePicker regions={regions} periods={periods} region={user.regionId} />
    </Card>
  )
  if (!unitLevel) {
    return (
      <>
        <PageTitle>{t('reports.title')}</PageTitle>
        {live}
      </>
    )
  }
  const reports = await listReports(user, { page })
  const mayPrepare = can(user, 'report.prepare')
  return (
    <>
      <PageTitle>{t('reports.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('reports.list.intro')}</p>
      {mayPrepare ? (
        <Card className="mb-4">
          <PrepareForm periods={periods} defaultKind={kind} defaultPeriod={period} />
        </Card>
      ) : null}
      {live}
      <h2 className="mb-2 font-medium text-slate-800">{t(user.regionLevel === 'COUNTY' ? 'reports.list.allReports' : 'reports.list.yours')}</h2>
      {reports.total === 0 ? (
        <EmptyState>{t(mayPrepare ? 'reports.list.empty' : 'reports.list.emptyView')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('reports.col.unit')}</Th>
                <Th>{t('reports.list.kind')}</Th>
                <Th>{t('reports.list.period')}</Th>
                <Th>{t('reports.list.deadline')}</Th>
                <Th>{t('common.status')}</Th>
                <Th>{t('reports.list.timeliness')}</Th>
                <Th>{t('reports.list.submittedAt')}</Th>
                <Th>
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody data-testid="report-rows" className="divide-y divide-slate-100">
              {reports.rows.map((r) => (
                <tr key={r.id} data-testid={`report-${r.id}`}>
                  <Td>{r.regionName}</Td>
                  <Td className="whitespace-nowrap">{t(`reports.kind.${r.kind}`)}</Td>
                  <Td>{periodLabel(t, { kind: r.kind, key: r.periodKey, statYear: Number(r.periodKey.slice(0, 4)), start: r.periodStart, end: r.periodEnd })}</Td>
                  <Td className="whitespace-nowrap">{r.deadline}</Td>
                  <Td>
                    <StatusBadge status={statusName(r)} t={t} />
                  </Td>
                  <Td>
                    <TimelinessBadge timeliness={r.timeliness} t={t} />
                  </Td>
                  <Td className="whitespace-nowrap">{r.firstSubmittedOn ?? ''}</Td>
                  <Td className="whitespace-nowrap">
                    <Link className="text-brand-600 hover:underline" href={`/reports/${r.id}`}>
                      {t('reports.list.open')}
                    </Link>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={reports} href={(p) => `/reports?page=${p}`} />
        </>
      )}
    </>
  )
}
