import { daysBetween, toDate, toIso } from '@/lib/dates'

// Pure period rules shared by the modules that count or lock by period (reports, the register's
// period locks, later assessment): the statistical year and its months, half-year and year.

export type PeriodKind = 'MONTHLY' | 'HALF_YEAR' | 'ANNUAL'
export const PERIOD_KINDS: readonly PeriodKind[] = ['MONTHLY', 'HALF_YEAR', 'ANNUAL']

/** What the period arithmetic needs of the county's settings (reports keeps them with its deadlines). */
export interface StatYearSettings {
  /** the statistical year starts on the 1st of this month (1–12) */
  statYearStartMonth: number
}

export interface Period {
  kind: PeriodKind
  /** "2026-03" (a calendar month), "2026H1" (first half of statistical year 2026), "2026" (statistical year 2026) */
  key: string
  /** the statistical year the period belongs to, named by the calendar year it ends in */
  statYear: number
  start: string
  end: string
}

export function addMonths(year: number, month: number, add: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + add
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

export function firstOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`
}

export function lastOf(year: number, month: number): string {
  const next = addMonths(year, month, 1)
  return toIso(new Date(toDate(firstOf(next.year, next.month)).getTime() - 86_400_000))
}

/**
 * The statistical year a date falls in, named by the calendar year it ends in: with the year
 * starting 1 October, 2025-10-01 … 2026-09-30 is statistical year 2026. A year starting in
 * January is simply the calendar year.
 */
export function statYearOf(dateIso: string, settings: StatYearSettings): number {
  const year = Number(dateIso.slice(0, 4))
  const month = Number(dateIso.slice(5, 7))
  const start = settings.statYearStartMonth
  return start === 1 || month < start ? year : year + 1
}

/** First and last day of a statistical year. */
export function statYearRange(statYear: number, settings: StatYearSettings): { start: string; end: string } {
  const first = settings.statYearStartMonth === 1 ? { year: statYear, month: 1 } : { year: statYear - 1, month: settings.statYearStartMonth }
  const last = addMonths(first.year, first.month, 11)
  return { start: firstOf(first.year, first.month), end: lastOf(last.year, last.month) }
}

export function monthlyPeriod(year: number, month: number, settings: StatYearSettings): Period {
  const start = firstOf(year, month)
  return { kind: 'MONTHLY', key: start.slice(0, 7), statYear: statYearOf(start, settings), start, end: lastOf(year, month) }
}

/** The half-year report covers the first six months of the statistical year (1 October – 31 March). */
export function halfYearPeriod(statYear: number, settings: StatYearSettings): Period {
  const { start } = statYearRange(statYear, settings)
  const sixth = addMonths(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 5)
  return { kind: 'HALF_YEAR', key: `${statYear}H1`, statYear, start, end: lastOf(sixth.year, sixth.month) }
}

export function annualPeriod(statYear: number, settings: StatYearSettings): Period {
  return { kind: 'ANNUAL', key: String(statYear), statYear, ...statYearRange(statYear, settings) }
}

const KEY_PATTERN: Record<PeriodKind, RegExp> = {
  MONTHLY: /^(\d{4})-(0[1-9]|1[0-2])$/,
  HALF_YEAR: /^(\d{4})H1$/,
  ANNUAL: /^(\d{4})$/,
}

/** The period a kind and key name, or null when the key is malformed or outside 2000–2099. */
export function periodOf(kind: PeriodKind, key: string, settings: StatYearSettings): Period | null {
  const match = KEY_PATTERN[kind]?.exec(key)
  if (!match) return null
  const year = Number(match[1])
  if (year < 2000 || year > 2099) return null
  if (kind === 'MONTHLY') return monthlyPeriod(year, Number(match[2]), settings)
  if (kind === 'HALF_YEAR') return halfYearPeriod(year, settings)
  return annualPeriod(year, settings)
}

/**
 * A prepared report's period from the dates stored with it: they do not move when the settings
 * change later. A month's statistical year follows the settings (Oct–Dec 2025 belong to 2026).
 */
export function storedPeriod(row: { kind: PeriodKind; periodKey: string; start: string; end: string }, settings: StatYearSettings): Period {
  const statYear = row.kind === 'MONTHLY' ? statYearOf(row.start, settings) : Number(row.periodKey.slice(0, 4))
  return { kind: row.kind, key: row.periodKey, statYear, start: row.start, end: row.end }
}

/** The periods of a statistical year in reporting order: its twelve months, the half-year, the year. */
export function periodsOfStatYear(statYear: number, settings: StatYearSettings): Period[] {
  const { start } = statYearRange(statYear, settings)
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = addMonths(Number(start.slice(0, 4)), Number(start.slice(5, 7)), i)
    return monthlyPeriod(m.year, m.month, settings)
  })
  return [...months, halfYearPeriod(statYear, settings), annualPeriod(statYear, settings)]
}

/** A report can be prepared once its period is over: from the day after its last day. */
export function hasEnded(period: Period, today: string): boolean {
  return period.end < today
}

/** The most recent period of a kind that has ended by `today`. */
export function latestEndedPeriod(kind: PeriodKind, today: string, settings: StatYearSettings): Period {
  const year = statYearOf(today, settings)
  if (kind === 'MONTHLY') {
    const m = addMonths(Number(today.slice(0, 4)), Number(today.slice(5, 7)), -1)
    return monthlyPeriod(m.year, m.month, settings)
  }
  const make = kind === 'HALF_YEAR' ? halfYearPeriod : annualPeriod
  const current = make(year, settings)
  return hasEnded(current, today) ? current : make(year - 1, settings)
}

export function daysIn(period: { start: string; end: string }): number {
  return daysBetween(period.start, period.end) + 1
}
