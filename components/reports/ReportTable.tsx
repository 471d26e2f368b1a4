import Link from 'next/link'
import type { Translate } from '@/lib/i18n/core'
import type { SubmissionTimeliness } from '@/lib/reports/rules'
import { STATUS_TONE, TIMELINESS_TONE, type StatusName } from '@/lib/reports/present'
import { formatValue, type TableView } from '@/lib/reports/table'
import { Badge } from '@/components/ui'

export function StatusBadge({ status, t }: { status: StatusName; t: Translate }) {
  return <Badge tone={STATUS_TONE[status]}>{t(`reports.status.${status}`)}</Badge>
}

export function TimelinessBadge({ timeliness, t }: { timeliness: SubmissionTimeliness; t: Translate }) {
  return <Badge tone={TIMELINESS_TONE[timeliness]}>{t(`reports.timeliness.${timeliness}`)}</Badge>
}

/**
 * One report table with its merged header cells, as on paper. On screen a child row (a village of
 * a township's report, a township of the county's) links to that child's live figures.
 */
export function ReportTable({
  table,
  t,
  childHref,
  cellHref,
  paper = false,
}: {
  table: TableView
  t: Translate
  childHref?: (regionId: number) => string
  /** where a count's records are listed (追溯), or null when the cell opens none; never on paper */
  cellHref?: (regionId: number | null, key: string) => string | null
  paper?: boolean
}) {
  const cell = paper ? 'border border-black px-1 py-0.5' : 'border border-slate-300 px-2 py-1'
  const head = paper ? `${cell} text-center font-normal` : `${cell} bg-slate-50 text-center font-medium text-slate-700`
  return (
    <table data-testid={`table-${table.key}`} className={`w-full border-collapse ${paper ? 'report-paper-table' : 'text-sm'}`}>
      <thead>
        <tr>
          <th scope="col" rowSpan={2} className={`${head} min-w-20`}>
            {t('reports.col.unit')}
          </th>
          {table.header[0].map((h) => (
            <th key={h.column} scope="col" colSpan={h.colSpan} rowSpan={h.rowSpan} className={head}>
              {h.label}
            </th>
          ))}
        </tr>
        <tr>
          {table.header[1].map((h) => (
            <th key={h.column} scope="col" className={head}>
              {h.label}
            </th>
          ))}
        </tr>
      </thead>
      {/* on paper the total keeps the last row with it, so it is never alone on a page */}
      {(paper ? [table.rows.slice(0, -2), table.rows.slice(-2)] : [table.rows]).map((rows, part) => (
        <tbody key={part} className={paper && part === 1 ? 'report-keep-together' : undefined}>
          {rows.map((row) => (
            <tr key={row.regionId ?? 'total'} data-testid={row.total ? 'total-row' : `row-${row.regionId}`} className={row.total ? 'font-semibold' : ''}>
              <th scope="row" className={`${cell} whitespace-nowrap text-left ${paper ? 'font-normal' : 'font-medium'}`}>
                {row.regionId !== null && childHref ? (
                  <Link className="text-brand-600 hover:underline" href={childHref(row.regionId)}>
                    {row.label}
                  </Link>
                ) : (
                  row.label
                )}
              </th>
              {row.values.map((value, i) => {
                const key = table.traceKeys[i]
                const href = !paper && cellHref && key && value !== null ? cellHref(row.regionId, key) : null
                return (
                  <td key={i} className={`${cell} text-right tabular-nums`}>
                    {href ? (
                      <Link className="text-brand-700 underline decoration-dotted hover:decoration-solid" href={href} data-trace={key}>
                        {formatValue(value, table.derived[i])}
                      </Link>
                    ) : (
                      formatValue(value, table.derived[i])
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  )
}

/** The report's tables on screen, each with its title, 表号 and note; rows link to their child's live figures. */
export function ReportTables({
  tables,
  t,
  childHref,
  cellHref,
  heading: Heading = 'h3',
}: {
  tables: TableView[]
  t: Translate
  childHref: (regionId: number) => string
  cellHref?: (regionId: number | null, key: string) => string | null
  heading?: 'h2' | 'h3'
}) {
  return (
    <div className="space-y-6">
      {tables.map((table) => (
        <section key={table.key} aria-labelledby={`title-${table.key}`}>
          <Heading id={`title-${table.key}`} className="mb-2 text-sm font-medium text-slate-800">
            {table.title} <span className="text-xs font-normal text-slate-500">{table.formNo}</span>
          </Heading>
          <div tabIndex={0} className="overflow-x-auto focus:outline-2 focus:outline-offset-2 focus:outline-sky-600">
            <ReportTable table={table} t={t} childHref={childHref} cellHref={cellHref} />
          </div>
          {table.note ? <p className="mt-1 text-xs text-slate-500">{table.note}</p> : null}
        </section>
      ))}
    </div>
  )
}
