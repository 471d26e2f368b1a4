import type { FigureSource, ScopeCounts } from '@/lib/reports/figures'
import type { Column, Counts, SectionLayout } from '@/lib/reports/sections'
import type { MessageKey } from '@/lib/i18n/core'
import { computeCoverage, flatCounts, INDICATORS, type Indicator } from './coverage'
import { coverage, suppressSmall } from './rules'

// The services section of the monthly, half-year and annual reports, and its figure source. The
// reports module knows nothing of services: lib/modules.ts adds both (addReportSection,
// addFigureSource). Exported for the assessment module, which reads the same figures as indicators.
//
// Reports are read by township staff and leaders, county officials and inspectors, none of whom may
// see sensitive records: the pre-marital checks (REPORT_SMALL_CELL) show no count of 1–4 and no rate
// computed from one (rules.suppressSmall). A report frozen before this section existed has none of
// its counts: its cells show "—", not 0.

/** Counts of the figure source: eligible and done per indicator (counts add up: a county is the sum of its townships). */
export const SERVICE_FIGURE_KEYS = INDICATORS.flatMap((i) => [`${i}Eligible`, `${i}Done`])

/**
 * Indicators whose figures the report keeps to the small-cell rule. Pre-marital checks are
 * reproductive health whatever the catalogue says, and reports are read by roles that see no such
 * record; the page (queries.coverageView) decides from the catalogue's flags and the viewer.
 */
export const REPORT_SMALL_CELL: ReadonlySet<Indicator> = new Set(['marriages'])

export const serviceCoverageSource: FigureSource = {
  keys: SERVICE_FIGURE_KEYS,
  async compute(client, scope, period): Promise<ScopeCounts> {
    const result = await computeCoverage(client, scope, period)
    const byChild = new Map<number, Counts>()
    for (const [id, counts] of result.byChild) byChild.set(id, flatCounts(counts))
    return { total: flatCounts(result.total), byChild }
  },
}

const has = (n: Counts, key: string) => typeof n[key] === 'number'
const isSensitive = (_n: Counts, i: Indicator) => REPORT_SMALL_CELL.has(i)

/** A count as the report shows it: "—" when the report predates the section, suppressed when small and sensitive. */
function count(i: Indicator, key: string): Column['derive'] {
  return (n) => {
    if (!has(n, key)) return null
    const value = n[key]
    return key.endsWith('Done') && isSensitive(n, i) ? suppressSmall(value) : value
  }
}

function rate(i: Indicator): Column['derive'] {
  return (n) => {
    if (!has(n, `${i}Done`)) return null
    const done = n[`${i}Done`]
    if (isSensitive(n, i) && suppressSmall(done) === null) return null
    return coverage(done, n[`${i}Eligible`] ?? 0)
  }
}

const group = (i: Indicator, label: MessageKey, eligible: MessageKey, done: MessageKey) => ({
  label,
  columns: [
    { key: `${i}EligibleShown`, label: eligible, derive: count(i, `${i}Eligible`), whole: true, trace: `${i}Eligible` },
    { key: `${i}DoneShown`, label: done, derive: count(i, `${i}Done`), whole: true, trace: `${i}Done` },
    { key: `${i}Rate`, label: 'services.report.rate' as MessageKey, derive: rate(i) },
  ],
})

export const servicesSection: SectionLayout = {
  key: 'services.coverage',
  title: 'services.report.title',
  formNo: '服务统计1表',
  header: [
    group('children', 'services.indicator.children', 'services.report.childrenEligible', 'services.report.childrenDone'),
    group('elderly', 'services.indicator.elderly', 'services.report.elderlyEligible', 'services.report.elderlyDone'),
    group('families', 'services.indicator.families', 'services.report.familiesEligible', 'services.report.familiesDone'),
    group('marriages', 'services.indicator.marriages', 'services.report.marriagesEligible', 'services.report.marriagesDone'),
  ],
  note: 'services.report.note',
}
