import type { MessageKey, Translate } from '@/lib/i18n/core'
import type { ReportKind, SubmissionTimeliness } from './rules'
import type { Period } from '@/lib/periods/rules'
import { REPORT_SECTIONS } from './sections'
import { buildTable, type SnapshotLike, type TableView } from './table'

// How reports read to people: period names, status names, the tables in the user's language.
// Shared by the pages, the print view and the .xlsx export.

/** "2026年3月", "2026统计年度上半年（2025-10-01至2026-03-31）". */
export function periodLabel(t: Translate, period: Pick<Period, 'kind' | 'key' | 'statYear' | 'start' | 'end'>): string {
  if (period.kind === 'MONTHLY') return t('reports.period.MONTHLY', { year: period.key.slice(0, 4), month: Number(period.key.slice(5, 7)) })
  return t(`reports.period.${period.kind}`, { year: period.statYear, start: period.start, end: period.end })
}

export function periodRange(t: Translate, period: { start: string; end: string }): string {
  return t('reports.period.range', { start: period.start, end: period.end })
}

export type StatusName = 'DRAFT' | 'SUBMITTED' | 'SUBMITTED_COUNTY' | 'APPROVED' | 'RETURNED' | 'NONE'

/** A returned report is a draft again; the county's own submitted report is final (报出). */
export function statusName(report: { status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | null; returned?: boolean; level?: 'COUNTY' | 'TOWNSHIP' }): StatusName {
  if (report.status === null) return 'NONE'
  if (report.status === 'DRAFT') return report.returned ? 'RETURNED' : 'DRAFT'
  if (report.status === 'SUBMITTED' && report.level === 'COUNTY') return 'SUBMITTED_COUNTY'
  return report.status
}

export const STATUS_TONE: Record<StatusName, 'slate' | 'green' | 'red' | 'amber'> = {
  DRAFT: 'slate',
  RETURNED: 'red',
  SUBMITTED: 'amber',
  SUBMITTED_COUNTY: 'green',
  APPROVED: 'green',
  NONE: 'slate',
}

export const TIMELINESS_TONE: Record<SubmissionTimeliness, 'slate' | 'green' | 'red' | 'amber'> = {
  ON_TIME: 'green',
  LATE: 'amber',
  MISSING: 'red',
  NOT_DUE: 'slate',
}

/** The report's tables as the user reads them; the flows note names the annualisation factor. */
export function reportTables(t: Translate, figures: SnapshotLike, factor: number): TableView[] {
  return REPORT_SECTIONS.map((section) =>
    buildTable(
      section,
      figures,
      { factor },
      {
        label: (key) => t(key as MessageKey),
        total: t('reports.col.total'),
        note: section.note ? t(section.note, { factor: factor.toFixed(4) }) : null,
      },
    ),
  )
}

/** A rate in % with one decimal, or "—" when nothing was due. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)}%`
}

/** Period choices for the forms, newest first, named in the user's language. */
export function periodOptions(t: Translate, periods: Record<ReportKind, Period[]>): Record<ReportKind, { key: string; label: string }[]> {
  const name = (p: Period) => ({ key: p.key, label: periodLabel(t, p) })
  return { MONTHLY: periods.MONTHLY.map(name), HALF_YEAR: periods.HALF_YEAR.map(name), ANNUAL: periods.ANNUAL.map(name) }
}
