import { idAgreement, parseIdNumber, type IdAgreementProblem } from '@/lib/registry/idcard'
import { ageOn } from '@/lib/dates'
import { birthOrderProblem, countBirthOrders, type ChildOrder } from '@/lib/registry/rules'

// Data-quality rules as pure functions over plain objects (dates as yyyy-mm-dd). The sweep and the
// on-save check narrow the candidates with SQL and then let these functions decide, so the unit
// tests here define what each rule means.
//
// These are plausibility checks on what was entered, nothing more (DESIGN.md section 2): the
// mother's-age rule questions the recorded dates of a birth, it tracks nobody.

export const RULES = {
  motherAge: 'WARNING',
  futureEvent: 'ERROR',
  deathBeforeBirth: 'ERROR',
  headNotMember: 'ERROR',
  selfNotHead: 'ERROR',
  noHead: 'ERROR',
  twoSelf: 'ERROR',
  eventAfterDeath: 'ERROR',
  duplicateId: 'ERROR',
  likelyDuplicate: 'WARNING',
  idMismatch: 'ERROR',
  birthOrder: 'WARNING',
} as const satisfies Record<string, 'ERROR' | 'WARNING'>

export type RuleId = keyof typeof RULES
export const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]]
export type Severity = (typeof RULES)[RuleId]
export type Entity = 'Person' | 'Household' | 'LifeEvent'

export const RULE_ENTITY: Record<RuleId, Entity> = {
  motherAge: 'Person',
  futureEvent: 'LifeEvent',
  deathBeforeBirth: 'Person',
  headNotMember: 'Household',
  selfNotHead: 'Person',
  noHead: 'Household',
  twoSelf: 'Household',
  eventAfterDeath: 'Person',
  duplicateId: 'Person',
  likelyDuplicate: 'Person',
  idMismatch: 'Person',
  birthOrder: 'Person',
}

export const MOTHER_MIN_AGE = 14
export const MOTHER_MAX_AGE = 55

/** A recorded birth to a mother younger than 14 or older than 55: the dates are probably wrong. */
export function motherAgeProblem(child: { birthDate: string }, mother: { birthDate: string }): { motherAge: number } | null {
  const age = ageOn(mother.birthDate, child.birthDate)
  return age < MOTHER_MIN_AGE || age > MOTHER_MAX_AGE ? { motherAge: age } : null
}

/** An active life event dated after today (China time). */
export function futureEventProblem(event: { occurredOn: string; status: 'ACTIVE' | 'CORRECTED' }, today: string): boolean {
  return event.status === 'ACTIVE' && event.occurredOn > today
}

export function deathBeforeBirthProblem(person: { birthDate: string; deathDate: string | null }): boolean {
  return person.deathDate !== null && person.deathDate < person.birthDate
}

// "A person in two households" cannot be stored: Person.householdId is one column. What can go
// wrong is the link between a household and its head, from either side; the two rules below check
// that: the head is not a member of the household they head, or a member marked SELF is not it.

/** The household's head (headId) lives in another household, or in none. */
export function headNotMemberProblem(household: { id: number; headId: number | null }, head: { householdId: number | null } | null): boolean {
  return household.headId !== null && (head === null || head.householdId !== household.id)
}

/** A member whose relation is SELF (户主) but whom the household does not name as its head. */
export function selfNotHeadProblem(
  person: { id: number; relation: string | null; householdId: number | null },
  household: { headId: number | null } | null,
): boolean {
  return person.relation === 'SELF' && person.householdId !== null && household?.headId !== person.id
}

/**
 * A household with members but no head. A household whose members all moved out is empty, not
 * headless; it is not reported.
 */
export function noHeadProblem(household: { headId: number | null; memberCount: number }): boolean {
  return household.headId === null && household.memberCount > 0
}

/** Two or more members marked SELF. */
export function twoSelfProblem(household: { selfCount: number }): boolean {
  return household.selfCount >= 2
}

/** A deceased person with a life event (other than the death) after the date of death: the latest. */
export function eventAfterDeathProblem(
  person: { alive: boolean; deathDate: string | null },
  events: { id: number; type: string; occurredOn: string; status: 'ACTIVE' | 'CORRECTED' }[],
): { eventId: number; type: string; occurredOn: string } | null {
  if (person.alive || person.deathDate === null) return null
  const later = events.filter((e) => e.status === 'ACTIVE' && e.type !== 'DEATH' && e.occurredOn > person.deathDate!)
  if (later.length === 0) return null
  const last = later.reduce((a, b) => (b.occurredOn > a.occurredOn ? b : a))
  return { eventId: last.id, type: last.type, occurredOn: last.occurredOn }
}

/**
 * The same ID number (by its keyed hash) on another person. Within a county the unique index
 * prevents it; across counties, or through imports into different counties, it can happen.
 */
export function duplicateIdProblem(person: { id: number; idHash: string | null }, others: { id: number; idHash: string | null }[]): number[] {
  if (person.idHash === null) return []
  return others.filter((o) => o.id !== person.id && o.idHash === person.idHash).map((o) => o.id)
}

interface DuplicateCandidate {
  id: number
  villageId: number
  name: string
  birthDate: string
  motherId: number | null
  idHash: string | null
}

/**
 * Probably the same person entered twice: same village, name, birth date and mother (both without
 * a recorded mother counts as the same). Two people who both carry an ID number are told apart by
 * it (the same number is the duplicateId rule), so such a pair is not reported.
 */
export function likelyDuplicateOf(a: DuplicateCandidate, b: DuplicateCandidate): boolean {
  return (
    a.id !== b.id &&
    a.villageId === b.villageId &&
    a.name === b.name &&
    a.birthDate === b.birthDate &&
    a.motherId === b.motherId &&
    (a.idHash === null || b.idHash === null)
  )
}

export type IdMismatch = IdAgreementProblem | 'invalid'

/** The stored ID number is not valid, or disagrees with the recorded birth date or sex. */
export function idMismatchProblem(idNumber: string, person: { birthDate: string; sex: 'MALE' | 'FEMALE' }, today?: Date): IdMismatch | null {
  const parsed = parseIdNumber(idNumber, today)
  if (!parsed.ok) return 'invalid'
  return idAgreement(parsed, person.birthDate, person.sex)
}

/**
 * The mother's children whose recorded birth order disagrees with her children in the register
 * (registry rules.countBirthOrders): the report's birth-order columns would be wrong. Children
 * without a recorded order are counted as siblings but not reported.
 */
export function birthOrderProblems(children: readonly ChildOrder[]): { id: number; birthOrder: number; counted: number }[] {
  const orders = countBirthOrders(children)
  const out: { id: number; birthOrder: number; counted: number }[] = []
  for (const c of children) {
    const { counted } = orders.get(c.id)!
    if (c.birthOrder !== null && birthOrderProblem(c.birthOrder, counted, c.birthOrderEntered)) out.push({ id: c.id, birthOrder: c.birthOrder, counted })
  }
  return out
}
