import { z } from 'zod'
import { ageOn } from '@/lib/dates'

// Benefits' pure domain logic (no database): the eligibility rule set and its evaluator, which
// explains every condition with the value it read; categories; standards with effective dates;
// pro-rating by month; funding shares; and the application steps. Programs are data
// (docs/decisions/00NN-benefit-programs.md): nothing here names a program.

// ------------------------------------------------------------------ rules

/** A date inside the year, as month-day: "12-31" is the year's last day. */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)

export const DECLARATION_KEYS = ['onlyChildDied', 'onlyChildDisabled', 'childDisabilityGrade', 'familyPlanningFamily', 'other'] as const
export type DeclarationKey = (typeof DECLARATION_KEYS)[number]

export type Rule =
  | { kind: 'age'; min?: number; max?: number; on: string }
  | { kind: 'sex'; sex: 'MALE' | 'FEMALE' }
  | { kind: 'hukou'; type: 'AGRICULTURAL' | 'NON_AGRICULTURAL' }
  | { kind: 'inCounty' }
  | { kind: 'livingChildren'; min?: number; max?: number }
  | { kind: 'childDied' }
  | { kind: 'childDisability'; maxGrade: number }
  | { kind: 'motherAge'; min?: number; max?: number; on: string }
  | { kind: 'declaration'; key: DeclarationKey }
  | { kind: 'all'; rules: Rule[] }
  | { kind: 'any'; rules: Rule[] }

export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('age'), min: z.number().int().min(0).max(150).optional(), max: z.number().int().min(0).max(150).optional(), on: monthDay }),
    z.object({ kind: z.literal('sex'), sex: z.enum(['MALE', 'FEMALE']) }),
    z.object({ kind: z.literal('hukou'), type: z.enum(['AGRICULTURAL', 'NON_AGRICULTURAL']) }),
    z.object({ kind: z.literal('inCounty') }),
    z.object({ kind: z.literal('livingChildren'), min: z.number().int().min(0).max(30).optional(), max: z.number().int().min(0).max(30).optional() }),
    z.object({ kind: z.literal('childDied') }),
    z.object({ kind: z.literal('childDisability'), maxGrade: z.number().int().min(1).max(4) }),
    z.object({
      kind: z.literal('motherAge'),
      min: z.number().int().min(0).max(150).optional(),
      max: z.number().int().min(0).max(150).optional(),
      on: monthDay,
    }),
    z.object({ kind: z.literal('declaration'), key: z.enum(DECLARATION_KEYS) }),
    z.object({ kind: z.literal('all'), rules: z.array(ruleSchema).min(1).max(20) }),
    z.object({ kind: z.literal('any'), rules: z.array(ruleSchema).min(1).max(20) }),
  ]),
)

/** What the register says about a person, read set-based (lib/registry/benefit-facts.ts). */
export interface PersonFacts {
  personId: number
  sex: 'MALE' | 'FEMALE'
  birthDate: string
  alive: boolean
  /** registered in the county (not moved out) and not living away */
  inCounty: boolean
  /** the hukou (else the residence) is a rural village: 农业户口 */
  ruralHukou: boolean
  livingChildren: number
  deadChildren: number
  /** the mother of the person's children (the person herself when she is one); null when unknown */
  motherBirthDate: string | null
}

/** Declarations recorded with an application: a value and the evidence it rests on. */
export type Declarations = Partial<Record<DeclarationKey, { value: string; evidence: string }>>

/** One condition of an evaluation: met or not, the value it read, and what it wanted. */
export interface Check {
  kind: Rule['kind']
  met: boolean
  /** what was read, as text ("62", "FEMALE", "agricultural", "2 living", "declared: grade 2 (evidence: …)") */
  read: string
  /** what the rule wants ("≥ 60 on 12-31", …) */
  wants: string
  /** for all/any: the inner checks */
  parts?: Check[]
}

function range(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}`
  if (min !== undefined) return `≥ ${min}`
  if (max !== undefined) return `≤ ${max}`
  return 'any'
}
const within = (v: number, min?: number, max?: number) => (min === undefined || v >= min) && (max === undefined || v <= max)

/** The date `on` (month-day) in `year`, clamped for 02-29 in a common year. */
export function dateInYear(year: number, on: string): string {
  const [m, d] = on.split('-').map(Number)
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate()
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** Evaluates one rule for a person in a year, explaining itself. Pure. */
export function evaluate(rule: Rule, facts: PersonFacts, year: number, declarations: Declarations = {}): Check {
  switch (rule.kind) {
    case 'age': {
      const on = dateInYear(year, rule.on)
      const age = ageOn(facts.birthDate, on)
      // a child born after `on` (in the year) is under any maximum: read as 0
      const shown = Math.max(age, 0)
      return { kind: 'age', met: within(shown, rule.min, rule.max), read: String(shown), wants: `${range(rule.min, rule.max)} @ ${on}` }
    }
    case 'sex':
      return { kind: 'sex', met: facts.sex === rule.sex, read: facts.sex, wants: rule.sex }
    case 'hukou': {
      const type = facts.ruralHukou ? 'AGRICULTURAL' : 'NON_AGRICULTURAL'
      return { kind: 'hukou', met: type === rule.type, read: type, wants: rule.type }
    }
    case 'inCounty':
      return { kind: 'inCounty', met: facts.inCounty && facts.alive, read: !facts.alive ? 'DEAD' : facts.inCounty ? 'IN_COUNTY' : 'AWAY', wants: 'IN_COUNTY' }
    case 'livingChildren':
      return {
        kind: 'livingChildren',
        met: within(facts.livingChildren, rule.min, rule.max),
        read: String(facts.livingChildren),
        wants: range(rule.min, rule.max),
      }
    case 'childDied': {
      const declared = declarations.onlyChildDied
      if (facts.deadChildren > 0) return { kind: 'childDied', met: true, read: String(facts.deadChildren), wants: '≥ 1' }
      if (declared && declared.value === 'yes' && declared.evidence) {
        return { kind: 'childDied', met: true, read: `declared (${declared.evidence})`, wants: '≥ 1' }
      }
      return { kind: 'childDied', met: false, read: '0', wants: '≥ 1' }
    }
    case 'childDisability': {
      // the register records no disability: a grade is a declaration with its evidence (a 残疾证)
      const declared = declarations.childDisabilityGrade
      const grade = declared?.evidence ? Number(declared.value) : NaN
      const met = Number.isInteger(grade) && grade >= 1 && grade <= rule.maxGrade
      return { kind: 'childDisability', met, read: declared?.evidence ? `${declared.value} (${declared.evidence})` : '—', wants: `1–${rule.maxGrade}` }
    }
    case 'motherAge': {
      const on = dateInYear(year, rule.on)
      if (!facts.motherBirthDate) return { kind: 'motherAge', met: false, read: '—', wants: `${range(rule.min, rule.max)} @ ${on}` }
      const age = ageOn(facts.motherBirthDate, on)
      return { kind: 'motherAge', met: within(age, rule.min, rule.max), read: String(age), wants: `${range(rule.min, rule.max)} @ ${on}` }
    }
    case 'declaration': {
      const declared = declarations[rule.key]
      const met = !!declared && declared.value === 'yes' && declared.evidence.trim().length > 0
      return { kind: 'declaration', met, read: declared ? `${declared.value} (${declared.evidence || '—'})` : '—', wants: `${rule.key}: yes` }
    }
    case 'all':
    case 'any': {
      const parts = rule.rules.map((r) => evaluate(r, facts, year, declarations))
      const met = rule.kind === 'all' ? parts.every((p) => p.met) : parts.some((p) => p.met)
      return { kind: rule.kind, met, read: `${parts.filter((p) => p.met).length}/${parts.length}`, wants: rule.kind === 'all' ? 'all' : 'one', parts }
    }
  }
}

/** The first category (by order) whose condition holds for the person; null when none does. */
export function categoryFor<C extends { id: number; condition: Rule | null; sortOrder: number }>(
  categories: readonly C[],
  facts: PersonFacts,
  year: number,
  declarations: Declarations = {},
): C | null {
  return [...categories].sort((a, b) => a.sortOrder - b.sortOrder).find((c) => !c.condition || evaluate(c.condition, facts, year, declarations).met) ?? null
}

/** Whether a rule only reads the register (then the outreach scan may use it alone). */
export function needsDeclaration(rule: Rule): boolean {
  if (rule.kind === 'declaration' || rule.kind === 'childDisability') return true
  if (rule.kind === 'all') return rule.rules.some(needsDeclaration)
  if (rule.kind === 'any') return rule.rules.every(needsDeclaration)
  return false
}

/**
 * Whether the register alone says the person may qualify: a declaration the register cannot know
 * is assumed possible (the outreach list tells the family to come and show its evidence).
 */
export function mayQualify(rule: Rule, facts: PersonFacts, year: number): boolean {
  switch (rule.kind) {
    case 'declaration':
    case 'childDisability':
      return true
    case 'childDied':
      return true
    case 'all':
      return rule.rules.every((r) => mayQualify(r, facts, year))
    case 'any':
      return rule.rules.some((r) => mayQualify(r, facts, year))
    default:
      return evaluate(rule, facts, year).met
  }
}

/** Birth-date bounds an age rule puts on the people who may qualify in a year (for the SQL pre-filter). */
export function birthBounds(rule: Rule, year: number): { bornFrom?: string; bornBy?: string } {
  if (rule.kind === 'age') {
    const on = dateInYear(year, rule.on)
    const [y, md] = [Number(on.slice(0, 4)), on.slice(5)]
    return {
      // age ≥ min on `on`: born on or before `on` minus min years
      bornBy: rule.min !== undefined ? dateInYear(y - rule.min, md) : undefined,
      // age ≤ max on `on`: born after `on` minus (max + 1) years
      bornFrom: rule.max !== undefined ? nextDay(dateInYear(y - rule.max - 1, md)) : undefined,
    }
  }
  if (rule.kind === 'all') {
    const out: { bornFrom?: string; bornBy?: string } = {}
    for (const r of rule.rules) {
      const b = birthBounds(r, year)
      if (b.bornFrom && (!out.bornFrom || b.bornFrom > out.bornFrom)) out.bornFrom = b.bornFrom
      if (b.bornBy && (!out.bornBy || b.bornBy < out.bornBy)) out.bornBy = b.bornBy
    }
    return out
  }
  return {}
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

// ------------------------------------------------------------------ standards

export interface Standard {
  id: number
  validFrom: string
  /** exclusive; null: open-ended */
  validTo: string | null
  amountCents: number
}

/** Whether a new period overlaps any existing one of the same category. */
export function overlappingStandard(existing: readonly Standard[], period: { validFrom: string; validTo: string | null }): Standard | null {
  if (period.validTo !== null && period.validTo <= period.validFrom) return { id: 0, validFrom: period.validFrom, validTo: period.validTo, amountCents: 0 }
  return existing.find((s) => (s.validTo === null || period.validFrom < s.validTo) && (period.validTo === null || s.validFrom < period.validTo)) ?? null
}

/** The standard in force on a date, or null. */
export function standardOn(standards: readonly Standard[], date: string): Standard | null {
  return standards.find((s) => s.validFrom <= date && (s.validTo === null || date < s.validTo)) ?? null
}

// ------------------------------------------------------------------ pro-rating

/** yyyy-mm of a date, as a month number counted from year 0. */
const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1

/**
 * The months of `year` in an eligibility window [from, to): the month of `from` counts (a child
 * born on 15 March counts March), the month of `to` does not (a child turning 3 on 15 June counts
 * January to May). `to` null: open.
 */
export function monthsInYear(year: number, from: string, to: string | null): number[] {
  const first = Math.max(monthIndex(from), year * 12)
  const last = Math.min(to === null ? year * 12 + 11 : monthIndex(to) - 1, year * 12 + 11)
  const out: number[] = []
  for (let m = first; m <= last; m++) out.push(m - year * 12 + 1)
  return out
}

/**
 * A year's amount for one beneficiary, in fen: for each month of eligibility, a twelfth of the
 * annual standard in force on that month's first day (so a standard changing mid-year counts by
 * month). Without pro-rating a year with any eligible month pays the standard in force on the
 * window's first eligible day. Rounded to the fen once, at the end.
 */
export function amountForYear(standards: readonly Standard[], year: number, window: { from: string; to: string | null }, proRating: 'NONE' | 'MONTHS'): number {
  const months = monthsInYear(year, window.from, window.to)
  if (months.length === 0) return 0
  if (proRating === 'NONE') {
    const start = window.from > `${year}-01-01` ? window.from : `${year}-01-01`
    return standardOn(standards, start)?.amountCents ?? 0
  }
  let twelfths = 0
  for (const m of months) twelfths += standardOn(standards, `${year}-${String(m).padStart(2, '0')}-01`)?.amountCents ?? 0
  return Math.round(twelfths / 12)
}

/** The eligibility window an age rule gives a person: from reaching min to the day they pass max. */
export function ageWindow(birthDate: string, min?: number, max?: number): { from: string; to: string | null } {
  const shift = (years: number) => {
    const y = Number(birthDate.slice(0, 4)) + years
    return dateInYear(y, birthDate.slice(5))
  }
  return { from: min !== undefined ? shift(min) : birthDate, to: max !== undefined ? shift(max + 1) : null }
}

/** The first age rule of a rule set (top level or inside `all`), for the pro-rating window. */
export function ageRuleOf(rule: Rule): Extract<Rule, { kind: 'age' }> | null {
  if (rule.kind === 'age') return rule
  if (rule.kind === 'all') for (const r of rule.rules) if (ageRuleOf(r)) return ageRuleOf(r)
  return null
}

// ------------------------------------------------------------------ funding

export interface FundingShares {
  central: number
  provincial: number
  county: number
}

export function fundingProblem(shares: FundingShares): 'benefits.errors.fundingSum' | null {
  const all = [shares.central, shares.provincial, shares.county]
  if (all.some((s) => !Number.isInteger(s) || s < 0 || s > 100)) return 'benefits.errors.fundingSum'
  return all.reduce((a, b) => a + b, 0) === 100 ? null : 'benefits.errors.fundingSum'
}

/** Splits an amount (fen) by the shares; the parts always sum to the amount (largest remainder). */
export function splitFunding(amountCents: number, shares: FundingShares): FundingShares {
  const keys = ['central', 'provincial', 'county'] as const
  const exact = keys.map((k) => (amountCents * shares[k]) / 100)
  const floors = exact.map(Math.floor)
  let rest = amountCents - floors.reduce((a, b) => a + b, 0)
  const order = keys.map((_, i) => i).sort((a, b) => exact[b] - floors[b] - (exact[a] - floors[a]) || a - b)
  for (const i of order) {
    if (rest <= 0) break
    floors[i] += 1
    rest -= 1
  }
  return { central: floors[0], provincial: floors[1], county: floors[2] }
}

// ------------------------------------------------------------------ steps

export const STATUSES = ['SUBMITTED', 'ACCEPTED', 'INVESTIGATED', 'DELIBERATED', 'PUBLISHED', 'REVIEWED', 'APPROVED', 'ENROLLED', 'REFUSED', 'EXITED'] as const
export type BenefitStatus = (typeof STATUSES)[number]
export const FORWARD_STEPS = ['ACCEPT', 'INVESTIGATE', 'DELIBERATE', 'PUBLISH', 'REVIEW', 'APPROVE', 'ENROLL'] as const
export type ForwardStep = (typeof FORWARD_STEPS)[number]

/** The order of the live statuses: each forward step moves one place on. */
const ORDER: BenefitStatus[] = ['SUBMITTED', 'ACCEPTED', 'INVESTIGATED', 'DELIBERATED', 'PUBLISHED', 'REVIEWED', 'APPROVED', 'ENROLLED']

/** The step that comes next for an application in `status`; null when nothing does. */
export function nextStep(status: BenefitStatus): ForwardStep | null {
  const i = ORDER.indexOf(status)
  return i >= 0 && i < FORWARD_STEPS.length ? FORWARD_STEPS[i] : null
}

/** The status a forward step leads to. */
export function statusAfter(step: ForwardStep): BenefitStatus {
  return ORDER[FORWARD_STEPS.indexOf(step) + 1]
}

/** Returning one step: the status before the current one (SUBMITTED cannot go back; a published one goes back to DELIBERATED). */
export function statusBefore(status: BenefitStatus): BenefitStatus | null {
  const i = ORDER.indexOf(status)
  return i >= 1 && status !== 'ENROLLED' ? ORDER[i - 1] : null
}

export const DEFAULT_STEP_DAYS: Record<ForwardStep, number> = { ACCEPT: 5, INVESTIGATE: 10, DELIBERATE: 10, PUBLISH: 5, REVIEW: 10, APPROVE: 10, ENROLL: 5 }

export type StepPermission = 'benefit.process' | 'benefit.approve'

/**
 * Who does a step: the township does 受理 调查 评议 公示; 复核 审批 录入 belong to the program's
 * approving level (the county, or for a township-approved program the township's leader).
 */
export function stepActor(
  step: ForwardStep | 'RETURN' | 'REFUSE',
  current: BenefitStatus,
  approvingLevel: 'COUNTY' | 'TOWNSHIP',
): { permission: StepPermission; level: 'COUNTY' | 'TOWNSHIP' } {
  const forward = step === 'RETURN' || step === 'REFUSE' ? nextStep(current) : step
  if (forward === 'REVIEW' || forward === 'APPROVE' || forward === 'ENROLL') return { permission: 'benefit.approve', level: approvingLevel }
  return { permission: 'benefit.process', level: 'TOWNSHIP' }
}

/**
 * Why an application in 公示 may not move on yet: the notice period has not ended (today is on or
 * before its last day), or an objection is open. Null when it may.
 */
export function noticeBlock(input: {
  endsOn: string | null
  openObjections: number
  today: string
}): 'benefits.errors.noticeRunning' | 'benefits.errors.objectionOpen' | null {
  if (input.openObjections > 0) return 'benefits.errors.objectionOpen'
  if (input.endsOn === null || input.today <= input.endsOn) return 'benefits.errors.noticeRunning'
  return null
}

/** The fields a notice may show: never an ID number, whatever the program says. */
export const NOTICE_FIELDS = ['name', 'village', 'program', 'category'] as const
export function noticeFieldsOf(configured: readonly string[]): (typeof NOTICE_FIELDS)[number][] {
  return NOTICE_FIELDS.filter((f) => configured.includes(f))
}

/** The last day of a notice starting on `startsOn` for `days` days. */
export function noticeEnd(startsOn: string, days: number): string {
  const d = new Date(`${startsOn}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days - 1)
  return d.toISOString().slice(0, 10)
}

/** Yuan with two decimals from fen, for display ("960.00"). */
export function yuan(cents: number): string {
  return (cents / 100).toFixed(2)
}
