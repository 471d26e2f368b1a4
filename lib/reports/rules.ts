import type { RegionLevel, Role } from '@/lib/access/roles'
import { addMonths, daysIn, firstOf, lastOf, PERIOD_KINDS, statYearRange, type Period, type PeriodKind } from '@/lib/periods/rules'
import { can, type Subject } from '@/lib/access/permissions'

// Pure report rules (periods and statistical years are lib/periods'): deadlines, annualisation, rates, sign-off
// order and who may sign, submission timeliness. No database.

/** A report is made for a period: a month, the half-year or the statistical year (lib/periods). */
export type ReportKind = PeriodKind
export const REPORT_KINDS: readonly ReportKind[] = PERIOD_KINDS

export interface ReportSettingsValues {
  /** the statistical year starts on the 1st of this month (1–12) */
  statYearStartMonth: number
  /** reports are due on this day of the month after their period ends */
  monthlyDeadlineDay: number
  halfYearDeadlineDay: number
  annualDeadlineDay: number
}

/** The county's existing practice: the year runs 1 October – 30 September; due 6th, 13 April, 13 October. */
export const DEFAULT_REPORT_SETTINGS: ReportSettingsValues = {
  statYearStartMonth: 10,
  monthlyDeadlineDay: 6,
  halfYearDeadlineDay: 13,
  annualDeadlineDay: 13,
}

/** Due on the configured day of the month after the period ends (6 November for October's report). */
export function deadlineOf(period: Period, settings: ReportSettingsValues): string {
  const day = period.kind === 'MONTHLY' ? settings.monthlyDeadlineDay : period.kind === 'HALF_YEAR' ? settings.halfYearDeadlineDay : settings.annualDeadlineDay
  const next = addMonths(Number(period.end.slice(0, 4)), Number(period.end.slice(5, 7)), 1)
  return `${firstOf(next.year, next.month).slice(0, 8)}${String(day).padStart(2, '0')}`
}

/**
 * The latest birth date of someone at least `years` old on `onDate` (ageOn's rule: a 29 February
 * birthday comes on 1 March in other years). Age groups become birth-date ranges an index can use.
 */
export function bornOnOrBefore(onDate: string, years: number): string {
  const year = Number(onDate.slice(0, 4)) - years
  const month = Number(onDate.slice(5, 7))
  const day = Math.min(Number(onDate.slice(8, 10)), Number(lastOf(year, month).slice(8, 10)))
  return `${String(year).padStart(4, '0')}-${onDate.slice(5, 7)}-${String(day).padStart(2, '0')}`
}

/**
 * One cell of the population histogram (figures.stockSql): `n` people with these attributes.
 * Age bands on the last day: 0: 0–2, 1: 3–6, 2: 7–14, 3: 15–49, 4: 50–59, 5: 60–79, 6: 80+.
 */
export interface StockCell {
  child_end: number | null
  child_start: number | null
  /** counted in the scope on the last day / on the day before the period */
  at_end: boolean
  at_start: boolean
  /** residence on the last day */
  res: 'LOCAL' | 'AWAY' | 'INFLOW' | 'OUTFLOW'
  sex: 'MALE' | 'FEMALE'
  head: boolean | null
  age: number
  n: number
}

type Tally = Record<string, number>

/**
 * The stock figures from the histogram. Registered (户籍) = local, away and outflow; resident
 * (常住) = local and inflow; households = registered heads; age bands of the registered; the
 * registered population at the start counts everyone with hukou here (not inflow) on that day.
 */
export function tallyStock(cells: readonly StockCell[], keys: readonly string[]): { total: Tally; byChild: Map<number, Tally> } {
  const zero = (): Tally => Object.fromEntries(keys.map((k) => [k, 0]))
  const total = zero()
  const byChild = new Map<number, Tally>()
  const targets = (child: number | null): Tally[] => {
    if (child === null) return [total]
    if (!byChild.has(child)) byChild.set(child, zero())
    return [total, byChild.get(child)!]
  }
  const sexKey = (prefix: string, sex: string) => `${prefix}${sex === 'MALE' ? 'Male' : 'Female'}`
  for (const cell of cells) {
    const n = Number(cell.n)
    if (cell.at_end) {
      const registered = cell.res !== 'INFLOW'
      const resident = cell.res === 'LOCAL' || cell.res === 'INFLOW'
      const add: string[] = []
      if (registered) {
        add.push('registered', sexKey('registered', cell.sex))
        if (cell.head) add.push('households')
        add.push(['age0_2', 'age3_6', 'age7_14', 'age15_59', 'age15_59', 'age60plus', 'age60plus'][cell.age])
        if (cell.age === 6) add.push('age80plus')
        if (cell.age === 3 && cell.sex === 'FEMALE') add.push('women15_49')
      }
      if (resident) add.push('resident', sexKey('resident', cell.sex))
      if (cell.res === 'INFLOW') add.push('inflow', sexKey('inflow', cell.sex))
      if (cell.res === 'OUTFLOW') add.push('outflow', sexKey('outflow', cell.sex))
      for (const target of targets(cell.child_end)) for (const key of add) target[key] += n
    }
    if (cell.at_start && cell.res !== 'INFLOW') for (const target of targets(cell.child_start)) target.registeredStart += n
  }
  return { total, byChild }
}

/**
 * Rates are per year. A part-year period is annualised by the days of its statistical year over
 * the days of the period: a 31-day month of a 365-day year counts ×365/31.
 */
export function annualisationFactor(period: Period, settings: ReportSettingsValues): number {
  return daysIn(statYearRange(period.statYear, settings)) / daysIn(period)
}

/**
 * Crude rate in ‰: events per thousand of the average registered population (start and end of
 * the period, halved), annualised. Null when there is no population to divide by.
 */
export function crudeRate(events: number, populationAtStart: number, populationAtEnd: number, factor: number): number | null {
  const average = (populationAtStart + populationAtEnd) / 2
  if (average <= 0) return null
  return (events / average) * 1000 * factor
}

/** Boys per 100 girls born. Null when no girls were born. */
export function sexRatio(male: number, female: number): number | null {
  return female > 0 ? (male * 100) / female : null
}

/** Share of events recorded within 30 days, in %. Null when nothing was recorded. */
export function timelinessPercent(recorded: number, late: number): number | null {
  return recorded > 0 ? ((recorded - late) / recorded) * 100 : null
}

/** Rounds for display and snapshots: rates to two decimals. */
export function round2(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100
}

// ------------------------------------------------------------------ sign-offs

export type SignRole = 'PREPARER' | 'STATISTICIAN' | 'UNIT_HEAD'
export const SIGN_ORDER: readonly SignRole[] = ['PREPARER', 'STATISTICIAN', 'UNIT_HEAD']

/**
 * Who may sign for a unit. A township: its staff prepare and keep the statistics, its leader heads
 * the unit. The county: officials of the county health bureau for all three.
 */
export const SIGNER_ROLES: Record<'TOWNSHIP' | 'COUNTY', Record<SignRole, readonly Role[]>> = {
  TOWNSHIP: { PREPARER: ['TOWNSHIP_STAFF'], STATISTICIAN: ['TOWNSHIP_STAFF'], UNIT_HEAD: ['TOWNSHIP_LEADER'] },
  COUNTY: { PREPARER: ['COUNTY_OFFICIAL'], STATISTICIAN: ['COUNTY_OFFICIAL'], UNIT_HEAD: ['COUNTY_OFFICIAL'] },
}

export function nextSignRole(signed: readonly { role: SignRole }[]): SignRole | null {
  return SIGN_ORDER.find((role) => !signed.some((s) => s.role === role)) ?? null
}

export type SignProblem = 'notDraft' | 'allSigned' | 'outOfOrder' | 'alreadySigned' | 'wrongRole' | 'wrongUnit'

/** Why `signer` may not sign as `role` now, or null when they may. */
export function signProblem(
  report: { status: 'DRAFT' | 'SUBMITTED' | 'APPROVED'; level: RegionLevel; regionId: number },
  signed: readonly { role: SignRole; userId: number }[],
  role: SignRole,
  signer: { id: number; role: Role; regionId: number },
): SignProblem | null {
  if (report.status !== 'DRAFT') return 'notDraft'
  const next = nextSignRole(signed)
  if (next === null) return 'allSigned'
  if (role !== next) return 'outOfOrder'
  if (signed.some((s) => s.userId === signer.id)) return 'alreadySigned'
  if (signer.regionId !== report.regionId) return 'wrongUnit'
  const unit = report.level === 'COUNTY' ? 'COUNTY' : 'TOWNSHIP'
  if (!SIGNER_ROLES[unit][role].includes(signer.role)) return 'wrongRole'
  return null
}

// ------------------------------------------------------------------ what a user may do with a report

export type ReportStep = 'recompute' | 'analysis' | 'sign' | 'submit' | 'decide'
export type ReportRefusal = SignProblem | 'notPermitted' | 'notYourUnit' | 'signingStarted' | 'notSigned' | 'notSubmitted'

export interface ReportAbilities {
  recompute: boolean
  /** edit the written analysis (until the first signature of the round) */
  analysis: boolean
  /** the role the user may sign as now, or null */
  sign: SignRole | null
  submit: boolean
  /** approve or return (the county, a submitted township report) */
  decide: boolean
  /** why each step is refused, null when it is allowed: the service's error */
  refusal: Record<ReportStep, ReportRefusal | null>
}

/**
 * What `user` may do with `report` now. The one rule: the report page shows a button only when
 * its step is allowed here, and the service refuses a step with the refusal given here.
 * `signAs` asks about signing as a particular role (default: the next one due).
 */
export function reportAbilities(
  user: Subject,
  report: { status: 'DRAFT' | 'SUBMITTED' | 'APPROVED'; level: RegionLevel; regionId: number; signOffs: readonly { role: SignRole; userId: number }[] },
  signAs?: SignRole,
): ReportAbilities {
  const ownUnit = user.regionId === report.regionId
  const next = nextSignRole(report.signOffs)
  const draftStep = (): ReportRefusal | null =>
    !can(user, 'report.prepare') ? 'notPermitted' : !ownUnit ? 'notYourUnit' : report.status !== 'DRAFT' ? 'notDraft' : null
  const recompute = draftStep()
  const analysis = recompute ?? (report.signOffs.length > 0 ? 'signingStarted' : null)
  const role = signAs ?? next
  const sign: ReportRefusal | null = !can(user, 'report.sign')
    ? 'wrongRole'
    : role === null
      ? report.status !== 'DRAFT'
        ? 'notDraft'
        : 'allSigned'
      : signProblem(report, report.signOffs, role, user)
  const submit: ReportRefusal | null = !can(user, 'report.sign')
    ? 'notPermitted'
    : !ownUnit
      ? 'notYourUnit'
      : report.status !== 'DRAFT'
        ? 'notDraft'
        : next !== null
          ? 'notSigned'
          : null
  const decide: ReportRefusal | null = !can(user, 'report.approve')
    ? 'notPermitted'
    : report.level !== 'TOWNSHIP' || report.status !== 'SUBMITTED' || ownUnit
      ? 'notSubmitted'
      : null
  return {
    recompute: recompute === null,
    analysis: analysis === null,
    sign: sign === null ? role : null,
    submit: submit === null,
    decide: decide === null,
    refusal: { recompute, analysis, sign, submit, decide },
  }
}

/** Only a return puts a submitted report back into draft: a draft that was once submitted was returned. */
export function isReturned(report: { status: 'DRAFT' | 'SUBMITTED' | 'APPROVED'; firstSubmittedAt: Date | string | null }): boolean {
  return report.status === 'DRAFT' && report.firstSubmittedAt !== null
}

// ------------------------------------------------------------------ timeliness of submissions

export type SubmissionTimeliness = 'ON_TIME' | 'LATE' | 'MISSING' | 'NOT_DUE'

/**
 * On time when first submitted on or before the deadline (China time), late when after it;
 * missing once the deadline has passed without a submission; not yet due before that.
 */
export function submissionTimeliness(deadline: string, firstSubmittedOn: string | null, today: string): SubmissionTimeliness {
  if (firstSubmittedOn !== null) return firstSubmittedOn <= deadline ? 'ON_TIME' : 'LATE'
  return today > deadline ? 'MISSING' : 'NOT_DUE'
}

/** Reporting rate and on-time rate in %, over the reports that were due. Null when none were. */
export function submissionRates(statuses: readonly SubmissionTimeliness[]): {
  due: number
  submitted: number
  onTime: number
  reportingRate: number | null
  onTimeRate: number | null
} {
  const counted = statuses.filter((s) => s !== 'NOT_DUE')
  const submitted = counted.filter((s) => s !== 'MISSING').length
  const onTime = counted.filter((s) => s === 'ON_TIME').length
  const due = counted.length
  return { due, submitted, onTime, reportingRate: due ? (submitted / due) * 100 : null, onTimeRate: due ? (onTime / due) * 100 : null }
}
