import type { Metadata } from 'next'
import Link from 'next/link'
import { z } from 'zod'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { optionalId, page as pageParam } from '@/lib/validation/fields'
import { LIST_STATUSES, liveRegionOptions, listReports, reportablePeriods, settingsFor } from '@/lib/reports/queries'
import { reportKind } from '@/lib/reports/schemas'
import { REPORT_KINDS } from '@/lib/reports/rules'
import { periodLabel, periodOptions, statusName } from '@/lib/reports/present'
import { buttonClass, Card, EmptyState, Field, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'
import { LivePicker, PrepareForm } from '@/components/reports/ReportForms'
import { StatusBadge, TimelinessBadge } from '@/components/reports/ReportTable'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.title') }
}

// The list's filters from the query string; an empty or malformed value means "not given".
const query = z.object({
  page: pageParam,
  kind: reportKind.optional().catch(undefined),
  period: z
    .string()
    .regex(/^\d{4}(-\d{2}|H1)?$/)
    .optional()
    .catch(undefined),
  status: z.enum(LIST_STATUSES).optional().catch(undefined),
  unit: optionalId.catch(undefined),
})

/**
 * Townships and the county: prepare a report, the unit's reports (the county also sees its
 * townships'), live figures of any unit below. Villages: live figures of their village.
 */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('report.view')
  const t = await getT()
  const { page, kind, period, status, unit } = query.parse(await searchParams)
  const settings = await settingsFor(user)
  const periods = periodOptions(t, reportablePeriods(settings))
  const regions = await liveRegionOptions(user)
  const unitLevel = can(user, 'report.unit')
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
  const county = user.regionLevel === 'COUNTY'
  const reports = await listReports(user, { page, kind, periodKey: period, status, regionId: county ? unit : undefined })
  const filtered = !!(kind || period || status || (county && unit))
  const filterParams = { kind: kind ?? '', period: period ?? '', status: status ?? '', ...(county ? { unit: unit ? String(unit) : '' } : {}) }
  const mayPrepare = can(user, 'report.prepare')
  const statuses = LIST_STATUSES.filter((s) => county || s !== 'SUBMITTED_COUNTY')
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
      <h2 id="list-title" className="mb-2 font-medium text-slate-800">
        {t(county ? 'reports.list.allReports' : 'reports.list.yours')}
      </h2>
      <form className="no-print mb-3 flex flex-wrap items-end gap-3" role="search" aria-label={t('reports.list.filter')}>
        {county ? (
          <div className="w-40">
            <Field label={t('reports.list.unit')} name="unit">
              <select id="unit" name="unit" defaultValue={unit ? String(unit) : ''} className={inputClass}>
                <option value="">{t('reports.list.anyUnit')}</option>
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        ) : null}
        <div className="w-36">
          <Field label={t('reports.list.kind')} name="filter-kind">
            <select id="filter-kind" name="kind" defaultValue={kind ?? ''} className={inputClass}>
              <option value="">{t('reports.list.anyKind')}</option>
              {REPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`reports.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="w-72 max-w-full">
          <Field label={t('reports.list.period')} name="filter-period">
            <select id="filter-period" name="period" defaultValue={period ?? ''} className={inputClass}>
              <option value="">{t('reports.list.anyPeriod')}</option>
              {REPORT_KINDS.map((k) => (
                <optgroup key={k} label={t(`reports.kind.${k}`)}>
                  {periods[k].map((p) => (
                    <option key={p.key} value={p.key}>
                      {p.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
        </div>
        <div className="w-44">
          <Field label={t('common.status')} name="filter-status">
            <select id="filter-status" name="status" defaultValue={status ?? ''} className={inputClass}>
              <option value="">{t('reports.list.anyStatus')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`reports.status.${s}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t('reports.list.filter')}
        </button>
        {filtered ? (
          <Link className="py-2 text-sm text-brand-600 hover:underline" href="/reports">
            {t('reports.list.clear')}
          </Link>
        ) : null}
      </form>
      <p className="mb-2 text-sm text-slate-600" data-testid="report-count">
        {t('reports.list.count', { count: reports.total })}
      </p>
      {reports.total === 0 ? (
        <EmptyState>{t(filtered ? 'reports.list.filteredEmpty' : mayPrepare ? 'reports.list.empty' : 'reports.list.emptyView')}</EmptyState>
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
                  <Td>
                    {periodLabel(t, { kind: r.kind, key: r.periodKey, statYear: Number(r.periodKey.slice(0, 4)), start: r.periodStart, end: r.periodEnd })}
                  </Td>
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
          <Pagination page={reports} href={(p) => `/reports?${new URLSearchParams({ ...filterParams, page: String(p) })}`} />
        </>
      )}
    </>
  )
}
