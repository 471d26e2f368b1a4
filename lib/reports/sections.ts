import type { MessageKey } from '@/lib/i18n/core'
import { crudeRate, round2, sexRatio, timelinessPercent } from './rules'

// The tables of a report. A section is a table: its title, 表号, and a header of columns, some
// grouped under a merged cell as on paper. Columns read a flat record of counts (computed by the
// figure sources in figures.ts); a derived column (a rate) is computed from its row's counts, so a
// total's rate comes from the summed counts, never from adding rates.
//
// Later modules (services, benefits) add a section by appending to REPORT_SECTIONS and a source to
// FIGURE_SOURCES; nothing in the population sections changes.

export type Counts = Record<string, number>

export interface DeriveContext {
  /** days of the statistical year over days of the period (rules.annualisationFactor) */
  factor: number
}

export interface Column {
  key: string
  label: MessageKey
  /** computed from the row's counts; shown with two decimals */
  derive?: (counts: Counts, context: DeriveContext) => number | null
  /** a derived column that is a count (shown whole, not with two decimals) */
  whole?: boolean
  /** the count whose records the cell opens (追溯) when it is derived (a count shown with the small-cell rule); a plain count opens its own key */
  trace?: string
}

export interface ColumnGroup {
  label: MessageKey
  columns: Column[]
}

export type HeaderCell = Column | ColumnGroup

export interface SectionLayout {
  key: string
  title: MessageKey
  /** 表号 printed at the top right */
  formNo: string
  header: HeaderCell[]
  /** how the figures are counted (口径), printed under the table */
  note?: MessageKey
}

export const isGroup = (cell: HeaderCell): cell is ColumnGroup => 'columns' in cell

/** The columns in print order, groups flattened. */
export function columnsOf(section: SectionLayout): Column[] {
  return section.header.flatMap((cell) => (isGroup(cell) ? cell.columns : [cell]))
}

const c = (key: string, label: MessageKey, derive?: Column['derive']): Column => ({ key, label, derive })

const bySex = (prefix: string, label: MessageKey): ColumnGroup => ({
  label,
  columns: [c(prefix, 'reports.col.total'), c(`${prefix}Male`, 'reports.col.male'), c(`${prefix}Female`, 'reports.col.female')],
})

export const populationStock: SectionLayout = {
  key: 'population.stock',
  title: 'reports.section.stock',
  formNo: '人口统计1表',
  header: [
    c('households', 'reports.col.households'),
    bySex('registered', 'reports.col.registered'),
    bySex('resident', 'reports.col.resident'),
    bySex('inflow', 'reports.col.inflow'),
    bySex('outflow', 'reports.col.outflow'),
    {
      label: 'reports.col.ageGroups',
      columns: [
        c('age0_2', 'reports.col.age0_2'),
        c('age3_6', 'reports.col.age3_6'),
        c('age7_14', 'reports.col.age7_14'),
        c('age15_59', 'reports.col.age15_59'),
        c('age60plus', 'reports.col.age60plus'),
        c('age80plus', 'reports.col.age80plus'),
      ],
    },
    c('women15_49', 'reports.col.women15_49'),
  ],
  note: 'reports.note.stock',
}

const rate = (events: string) => (n: Counts, ctx: DeriveContext) => round2(crudeRate(n[events] ?? 0, n.registeredStart ?? 0, n.registered ?? 0, ctx.factor))

export const populationFlows: SectionLayout = {
  key: 'population.flows',
  title: 'reports.section.flows',
  formNo: '人口统计2表',
  header: [
    {
      label: 'reports.col.births',
      columns: [
        c('births', 'reports.col.total'),
        c('birthsMale', 'reports.col.male'),
        c('birthsFemale', 'reports.col.female'),
        c('birthOrder1', 'reports.col.order1'),
        c('birthOrder2', 'reports.col.order2'),
        c('birthOrder3plus', 'reports.col.order3plus'),
        c('sexRatioAtBirth', 'reports.col.sexRatio', (n) => round2(sexRatio(n.birthsMale ?? 0, n.birthsFemale ?? 0))),
      ],
    },
    c('deaths', 'reports.col.deaths'),
    c('marriages', 'reports.col.marriages'),
    c('divorces', 'reports.col.divorces'),
    {
      label: 'reports.col.moves',
      columns: [c('movesIn', 'reports.col.movesIn'), c('movesOut', 'reports.col.movesOut'), c('movesWithin', 'reports.col.movesWithin')],
    },
    {
      label: 'reports.col.rates',
      columns: [
        c('birthRate', 'reports.col.birthRate', rate('births')),
        c('deathRate', 'reports.col.deathRate', rate('deaths')),
        c('naturalGrowthRate', 'reports.col.naturalGrowthRate', (n, ctx) => {
          const births = rate('births')(n, ctx)
          const deaths = rate('deaths')(n, ctx)
          return births === null || deaths === null ? null : round2(births - deaths)
        }),
      ],
    },
    {
      label: 'reports.col.population',
      columns: [c('registeredStart', 'reports.col.registeredStart'), c('registered', 'reports.col.registeredEnd')],
    },
  ],
  note: 'reports.note.flows',
}

export const dataTimeliness: SectionLayout = {
  key: 'population.timeliness',
  title: 'reports.section.timeliness',
  formNo: '人口统计3表',
  header: [
    c('eventsRecorded', 'reports.col.eventsRecorded'),
    c('eventsLate', 'reports.col.eventsLate'),
    c('timelinessPct', 'reports.col.timelinessPct', (n) => round2(timelinessPercent(n.eventsRecorded ?? 0, n.eventsLate ?? 0))),
  ],
  note: 'reports.note.timeliness',
}

// On globalThis: Next.js may load this file in more than one bundle of one process, and a section a
// higher module adds at start-up (lib/modules.ts) must be in every bundle's list.
const SECTIONS = Symbol.for('xiangzhen.reports.sections')
type SectionHolder = { [SECTIONS]?: SectionLayout[] }

/** Every table of a report, in print order. */
export const REPORT_SECTIONS: SectionLayout[] = ((globalThis as SectionHolder)[SECTIONS] ??= [populationStock, populationFlows, dataTimeliness])

/** Adds a higher module's table after the others (once: a second call with the same key replaces it). */
export function addReportSection(section: SectionLayout): void {
  const at = REPORT_SECTIONS.findIndex((s) => s.key === section.key)
  if (at >= 0) REPORT_SECTIONS[at] = section
  else REPORT_SECTIONS.push(section)
}

/** A cell's value: a count read from the row, or a derived figure computed from it. */
export function cellValue(column: Column, counts: Counts, context: DeriveContext): number | null {
  return column.derive ? column.derive(counts, context) : (counts[column.key] ?? 0)
}

/** Adds counts key by key (the county from its townships, a township from its villages). */
export function sumCounts(rows: readonly Counts[]): Counts {
  const out: Counts = {}
  for (const row of rows) for (const [key, value] of Object.entries(row)) out[key] = (out[key] ?? 0) + value
  return out
}
