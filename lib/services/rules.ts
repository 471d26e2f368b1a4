import type { MessageKey } from '@/lib/i18n/core'
import type { Role } from '@/lib/access/roles'

// Pure rules of the services module: the due schedule, coverage arithmetic, consent, who records
// which types, and the small-cell rule. No database; unit tests in rules.test.ts.

export type Deliverer = 'VILLAGE_OFFICER' | 'TOWNSHIP_SERVICE_STAFF' | 'COUNTY'
export type Schedule = 'NONE' | 'CHILD_AGES' | 'YEARLY_FROM_AGE' | 'MONTHLY_SPECIAL_FAMILY' | 'BEFORE_MARRIAGE'

// ------------------------------------------------------------------ dates (yyyy-mm-dd, UTC)

const DAY = 86_400_000
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`)
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
export const addDays = (date: string, days: number) => iso(ms(date) + days * DAY)

/** The date `months` months after `date`; the 31st becomes the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = total % 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

// ------------------------------------------------------------------ child health checks

/** A check may be done this many days before its due date and still count for it. */
export const EARLY_DAYS = 30
/** Children are counted up to (not including) this age in months: 0–6 years. */
export const CHILD_MAX_MONTHS = 84

export interface DueCheck {
  ageMonths: number
  dueOn: string
  /** the date of the check that satisfied it, or null */
  doneOn: string | null
}

export interface ChildCheckStatus {
  /** checks due on or before the date, oldest first, each with its check or none */
  due: DueCheck[]
  /** the next check not yet due, or null after the last */
  next: { ageMonths: number; dueOn: string } | null
  /** the most recent due check is done: "their due checks done" of the indicator */
  upToDate: boolean
}

/**
 * Which checks a child is due for at `at` (ages in months from the catalogue, e.g. 1, 3, 6, 8, 12,
 * 18, 24, 30, 36, 48, 60, 72) and which of them the checks dated `checks` satisfied. A due check is
 * satisfied by a check from EARLY_DAYS before its due date until EARLY_DAYS before the next one's,
 * and not after `at`. A child is up to date when the most recent due check is satisfied.
 */
export function childCheckStatus(birthDate: string, at: string, ages: readonly number[], checks: readonly string[]): ChildCheckStatus {
  const sorted = [...new Set(ages)].filter((a) => a >= 0).sort((a, b) => a - b)
  const dated = sorted.map((ageMonths) => ({ ageMonths, dueOn: addMonths(birthDate, ageMonths) }))
  const done = checks.filter((c) => c <= at && c >= birthDate).sort()
  const due: DueCheck[] = []
  for (const [i, d] of dated.entries()) {
    if (d.dueOn > at) break
    const from = addDays(d.dueOn, -EARLY_DAYS)
    const until = i + 1 < dated.length ? addDays(dated[i + 1].dueOn, -EARLY_DAYS) : '9999-12-31'
    due.push({ ...d, doneOn: done.find((c) => c >= from && c < until) ?? null })
  }
  const next = dated.find((d) => d.dueOn > at) ?? null
  return { due, next, upToDate: due.length > 0 && due[due.length - 1].doneOn !== null }
}

/** Whether a child born on `birthDate` is in the 0–6 group at `at` with at least one check due. */
export function inChildGroup(birthDate: string, at: string, ages: readonly number[]): boolean {
  if (birthDate > at || addMonths(birthDate, CHILD_MAX_MONTHS) <= at) return false
  const first = Math.min(...ages)
  return Number.isFinite(first) && addMonths(birthDate, first) <= at
}

// ------------------------------------------------------------------ elderly, marriages, families

/** The latest birth date of someone at least `years` old on `at`. */
export const bornByForAge = (at: string, years: number) => addMonths(at, -12 * years)

/** A pre-marital check counts for a marriage when dated in the year before it (or on the day). */
export const PREMARITAL_WINDOW_DAYS = 365
export function premaritalCounts(checkOn: string, marriedOn: string): boolean {
  return checkOn <= marriedOn && checkOn >= addDays(marriedOn, -PREMARITAL_WINDOW_DAYS)
}

// ------------------------------------------------------------------ coverage arithmetic

/** Coverage in percent with one decimal, or null when nobody was eligible (shown "—", not 0 %). */
export function coverage(done: number, eligible: number): number | null {
  if (eligible <= 0) return null
  return Math.round((Math.min(done, eligible) / eligible) * 1000) / 10
}

export interface CoverageCounts {
  eligible: number
  done: number
}

/** Adds coverage counts (a township from its villages); rates are computed from the sums. */
export function addCoverage(rows: readonly CoverageCounts[]): CoverageCounts {
  return rows.reduce((sum, r) => ({ eligible: sum.eligible + r.eligible, done: sum.done + r.done }), { eligible: 0, done: 0 })
}

// ------------------------------------------------------------------ dates of a record

/** Why a service date (and follow-up) cannot be recorded for this person, or null. */
export function serviceDateProblem(input: {
  servedOn: string
  followUpOn?: string | null
  birthDate?: string | null
  deathDate?: string | null
  today: string
}): { field: 'servedOn' | 'followUpOn'; key: MessageKey } | null {
  if (input.servedOn > input.today) return { field: 'servedOn', key: 'services.errors.future' }
  if (input.birthDate && input.servedOn < input.birthDate) return { field: 'servedOn', key: 'services.errors.beforeBirth' }
  if (input.deathDate && input.servedOn > input.deathDate) return { field: 'servedOn', key: 'services.errors.afterDeath' }
  if (input.followUpOn && input.followUpOn < input.servedOn) return { field: 'followUpOn', key: 'services.errors.followUpBefore' }
  return null
}

// ------------------------------------------------------------------ consent

export interface ConsentInput {
  consentBy?: 'PERSON' | 'GUARDIAN' | null
  consentName?: string | null
  consentOn?: string | null
  consentMethod?: 'SIGNED_FORM' | 'VERBAL_WITNESSED' | null
}

/**
 * A sensitive service needs recorded consent: who (the person, or a guardian named), when (on or
 * before the service, not in the future) and how (a signed form scanned, or verbal and witnessed).
 * Other services store no consent. Returns the fields at fault, empty when it may be saved.
 */
export function consentProblems(sensitive: boolean, consent: ConsentInput, servedOn: string, today: string): Partial<Record<keyof ConsentInput, MessageKey>> {
  if (!sensitive) return {}
  const out: Partial<Record<keyof ConsentInput, MessageKey>> = {}
  if (!consentGiven(consent)) {
    if (!consent.consentBy) out.consentBy = 'services.errors.consentRequired'
    if (!consent.consentOn) out.consentOn = 'services.errors.consentRequired'
    if (!consent.consentMethod) out.consentMethod = 'services.errors.consentRequired'
  }
  if (consent.consentBy === 'GUARDIAN' && !consent.consentName) out.consentName = 'services.errors.guardianName'
  if (consent.consentOn && consent.consentOn > servedOn) out.consentOn = 'services.errors.consentAfterService'
  if (consent.consentOn && consent.consentOn > today) out.consentOn = 'services.errors.future'
  return out
}

export const consentGiven = (c: ConsentInput) => Boolean(c.consentBy && c.consentOn && c.consentMethod)

/** A record counts and shows while it is current, not voided, and its consent not withdrawn. */
export function recordCounts(r: { status: 'ACTIVE' | 'CORRECTED'; voided: boolean; withdrawnOn: string | Date | null }): boolean {
  return r.status === 'ACTIVE' && !r.voided && r.withdrawnOn === null
}

// ------------------------------------------------------------------ who records which types

export interface TypeFacts {
  deliveredBy: Deliverer
  target: 'PERSON' | 'GROUP'
  sensitive: boolean
  active: boolean
}

/**
 * Village officers record the visits their village delivers and group activities; township service
 * staff record every type, the sensitive ones included (their own township, decided by scope).
 */
export function mayRecordType(role: Role, type: TypeFacts): boolean {
  if (!type.active) return false
  if (role === 'TOWNSHIP_SERVICE_STAFF') return true
  if (role === 'VILLAGE_OFFICER') return !type.sensitive && (type.deliveredBy === 'VILLAGE_OFFICER' || type.target === 'GROUP')
  return false
}

// ------------------------------------------------------------------ the small-cell rule

/** Aggregates of sensitive records shown to a role that cannot see them never show 1–4 people. */
export const SMALL_CELL = 5

/** A count as shown: itself, or null (suppressed) when it is 1..SMALL_CELL-1. Zero is shown. */
export function suppressSmall(n: number): number | null {
  return n > 0 && n < SMALL_CELL ? null : n
}

/**
 * The cells of one table row group (villages of a township, with the total shown): every cell of
 * 1–4 is suppressed, and when exactly one cell is suppressed the next smallest non-zero cell is
 * suppressed too, so the suppressed one cannot be had by subtracting the others from the total.
 */
export function suppressCells<K>(cells: ReadonlyMap<K, number>): Map<K, number | null> {
  const out = new Map<K, number | null>([...cells].map(([k, n]) => [k, suppressSmall(n)]))
  const hidden = [...out.values()].filter((v) => v === null).length
  if (hidden === 1) {
    const candidates = [...cells].filter(([k, n]) => out.get(k) !== null && n > 0).sort((a, b) => a[1] - b[1])
    if (candidates.length > 0) out.set(candidates[0][0], null)
  }
  return out
}
