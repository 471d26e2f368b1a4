import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { can } from '@/lib/access/permissions'
import { pageArgs, toPage } from '@/lib/pagination'
import { getReport } from '@/lib/reports/queries'
import { periodLabel, periodRange } from '@/lib/reports/present'
import { routeId, traceQuerySchema } from '@/lib/reports/schemas'
import { frozenFigure, traceFigure, traceLabel, traceRows } from '@/lib/reports/trace'
import { traceColumns } from '@/lib/reports/trace-export'
import { Alert, ButtonLink, Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.trace.title') }
}

const PAGE_SIZE = 50

/** The records behind one count of a report (追溯): same rules, region and period as the figure. */
export default async function TracePage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('report.view')
  const t = await getT()
  const raw = traceQuerySchema.parse(await searchParams)
  const regionId = raw.region === undefined ? null : routeId(raw.region)
  if (!regionId || !raw.kind || !raw.period || !raw.key) notFound()
  const query = { regionId, kind: raw.kind, periodKey: raw.period, key: raw.key }
  const reportId = raw.report === undefined ? null : routeId(raw.report)
  const [list, report] = await Promise.all([traceFigure(user, query), reportId ? getReport(user, reportId) : Promise.resolve(null)])
  if (list === null) notFound()
  const back = report ? `/reports/${report.id}` : `/reports/live?${new URLSearchParams({ region: String(regionId), kind: raw.kind, period: raw.period })}`
  const title = <PageTitle actions={<ButtonLink href={back}>{t('reports.trace.back')}</ButtonLink>}>{t('reports.trace.title')}</PageTitle>
  if (list === 'refused') {
    return (
      <>
        {title}
        <Alert kind="warning">
          <span data-testid="trace-refused">{t('reports.trace.refused')}</span>
        </Alert>
      </>
    )
  }
  const label = traceLabel(raw.key)
  const figure = label ? `${t(label.section.title)} · ${label.group ? `${t(label.group)} · ` : ''}${t(label.column.label)}` : raw.key
  const frozen = report ? frozenFigure(report.figures, report.regionId, regionId, raw.key) : null
  const { skip, take } = pageArgs(raw.page, PAGE_SIZE)
  const page = toPage(await traceRows(list.entity, list.ids.slice(skip, skip + take)), list.ids.length, raw.page, PAGE_SIZE)
  const columns = traceColumns(t, list.entity === 'event')
  const href = (p: number) =>
    `/reports/trace?${new URLSearchParams({ region: String(regionId), kind: raw.kind!, period: raw.period!, key: raw.key!, ...(reportId ? { report: String(reportId) } : {}), page: String(p) })}`
  const exportHref = `/api/reports/trace?${new URLSearchParams({ region: String(regionId), kind: raw.kind, period: raw.period, key: raw.key })}`
  return (
    <>
      {title}
      <h2 className="mb-1 font-medium text-slate-800" data-testid="trace-heading">
        {t('reports.trace.heading', { region: list.region.name, period: periodLabel(t, list.period), figure })}
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        {periodRange(t, list.period)} · {t('reports.trace.intro')}
      </p>
      <Card className="mb-4">
        <p className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <span data-testid="trace-count">{t('reports.trace.live', { count: list.ids.length })}</span>
          {frozen !== null ? <span data-testid="trace-frozen">{t('reports.trace.frozen', { count: frozen })}</span> : null}
        </p>
        {frozen !== null && frozen !== list.ids.length ? (
          <div className="mt-2">
            <Alert kind="info">{t('reports.trace.differs')}</Alert>
          </div>
        ) : null}
        {can(user, 'register.export') && list.ids.length > 0 ? (
          <p className="no-print mt-3">
            <a className="text-sm text-brand-700 underline" href={exportHref} download data-testid="trace-export">
              {t('reports.trace.export')}
            </a>
          </p>
        ) : null}
      </Card>
      {list.ids.length === 0 ? (
        <EmptyState>{t('reports.trace.empty')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <Th key={c.header}>{c.header}</Th>
                ))}
              </tr>
            </thead>
            <tbody data-testid="trace-rows">
              {page.rows.map((row, i) => (
                <tr key={row.id}>
                  {columns.map((c, j) => (
                    <Td key={c.header}>
                      {j === 1 && row.personId ? (
                        <Link className="text-brand-600 hover:underline" href={`/register/persons/${row.personId}`}>
                          {row.name}
                        </Link>
                      ) : (
                        c.value(row, skip + i)
                      )}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} href={href} />
        </>
      )}
    </>
  )
}
