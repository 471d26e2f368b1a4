import type { RegionLevel } from '@/lib/access/roles'
import { daysBetween } from '@/lib/dates'

// Pure register rules: late registration, birth order, relations, region placement.

/** An event recorded more than this many days after it happened is a late registration (迟报). */
export const LATE_AFTER_DAYS = 30

export function isLate(occurredOn: string, recordedOn: string): boolean {
  return daysBetween(occurredOn, recordedOn) > LATE_AFTER_DAYS
}

/**
 * A newborn's birth order among the mother's children: one more than the number of her children
 * born before (or on the same day as, for twins recorded in order) the new child.
 */
export function birthOrderOf(siblingBirthDates: string[], birthDate: string): number {
  return siblingBirthDates.filter((d) => d <= birthDate).length + 1
}

export type Relation = 'SELF' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDPARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER'

/** A newborn's relation to the head, from the mother's relation to the head. */
export function newbornRelation(motherRelation: Relation | null): Relation {
  if (motherRelation === 'SELF' || motherRelation === 'SPOUSE') return 'CHILD'
  if (motherRelation === 'CHILD') return 'GRANDCHILD'
  if (motherRelation === 'PARENT') return 'SIBLING'
  return 'OTHER'
}

export interface Placement {
  countyId: number
  townshipId: number
  villageId: number
  groupId: number | null
  regionId: number
}

/**
 * The county, township, village and group ids of a village or group, from its ancestors (root
 * first). Register rows are placed only in a village or a village group.
 */
export function placementOf(region: { id: number; level: RegionLevel; ancestorIds: readonly number[] }): Placement | null {
  if (region.level === 'VILLAGE' && region.ancestorIds.length === 2) {
    const [countyId, townshipId] = region.ancestorIds
    return { countyId, townshipId, villageId: region.id, groupId: null, regionId: region.id }
  }
  if (region.level === 'GROUP' && region.ancestorIds.length === 3) {
    const [countyId, townshipId, villageId] = region.ancestorIds
    return { countyId, townshipId, villageId, groupId: region.id, regionId: region.id }
  }
  return null
}

export type DateProblem = 'future' | 'beforeBirth' | 'tooOld'

/** What is wrong with the date of an event in someone's life, or null. */
export function eventDateProblem(occurredOn: string, today: string, birthDate?: string): DateProblem | null {
  if (occurredOn > today) return 'future'
  if (birthDate && occurredOn < birthDate) return 'beforeBirth'
  if (occurredOn < '1900-01-01') return 'tooOld'
  return null
}

// ------------------------------------------------------------------ family links

export type Sex = 'MALE' | 'FEMALE'

/**
 * The parents the household says a member has: a child (子女) of a household whose head and spouse
 * are a man and a woman is their child. Anything else (a single head, two heads or spouses, a
 * same-sex pair) says nothing; the clerk links parents by hand on the person page.
 */
export function inferParents<K>(members: readonly { key: K; relation: Relation | null; sex: Sex }[]): Map<K, { motherKey: K; fatherKey: K }> {
  const out = new Map<K, { motherKey: K; fatherKey: K }>()
  const heads = members.filter((m) => m.relation === 'SELF')
  const spouses = members.filter((m) => m.relation === 'SPOUSE')
  if (heads.length !== 1 || spouses.length !== 1 || heads[0].sex === spouses[0].sex) return out
  const mother = heads[0].sex === 'FEMALE' ? heads[0] : spouses[0]
  const father = heads[0].sex === 'MALE' ? heads[0] : spouses[0]
  for (const m of members) if (m.relation === 'CHILD') out.set(m.key, { motherKey: mother.key, fatherKey: father.key })
  return out
}

export interface ChildOrder {
  id: number
  birthDate: string
  birthOrder: number | null
  birthOrderEntered: boolean
}

/**
 * The birth order each of a mother's children should have, counted from her children in the
 * register (oldest first; twins by the order they were recorded, the lower id first): one more than
 * the elder sibling's order. A clerk-entered order at or above the count stands (elder children
 * born elsewhere or not registered) and the younger ones count on from it.
 */
export function countBirthOrders(children: readonly ChildOrder[]): Map<number, { counted: number; order: number }> {
  const sorted = [...children].sort((a, b) => (a.birthDate < b.birthDate ? -1 : a.birthDate > b.birthDate ? 1 : a.id - b.id))
  const out = new Map<number, { counted: number; order: number }>()
  let running = 0
  for (const c of sorted) {
    const counted = running + 1
    const order = c.birthOrderEntered && c.birthOrder !== null && c.birthOrder >= counted ? c.birthOrder : counted
    out.set(c.id, { counted, order })
    running = order
  }
  return out
}

/**
 * Whether a recorded birth order disagrees with the mother's children in the register. An order a
 * clerk entered above the count is accepted (elder children born elsewhere, or not registered); one
 * below it is not.
 */
export function birthOrderProblem(recorded: number, counted: number, entered: boolean): boolean {
  if (entered) return recorded < counted
  return recorded !== counted
}

/**
 * A member's relation to a new head, from their relation to the old head and the new head's
 * relation to the old one. Cases a rural register meets; anything else becomes OTHER, for the
 * clerk to correct.
 */
export function relationToNewHead(memberRelation: Relation | null, newHeadRelation: Relation): Relation {
  if (memberRelation === null) return 'OTHER'
  switch (newHeadRelation) {
    case 'SPOUSE': // the widow or widower takes over: the family's relations stay as they were
      return memberRelation === 'SELF' ? 'SPOUSE' : memberRelation === 'SPOUSE' ? 'OTHER' : memberRelation
    case 'CHILD': // a son or daughter takes over
      return (
        {
          SELF: 'PARENT',
          SPOUSE: 'PARENT',
          CHILD: 'SIBLING',
          PARENT: 'GRANDPARENT',
          GRANDCHILD: 'CHILD',
          SIBLING: 'OTHER',
          GRANDPARENT: 'OTHER',
          OTHER: 'OTHER',
        } as const
      )[memberRelation]
    case 'PARENT':
      return (
        {
          SELF: 'CHILD',
          SPOUSE: 'CHILD',
          CHILD: 'GRANDCHILD',
          PARENT: 'SPOUSE',
          GRANDCHILD: 'OTHER',
          SIBLING: 'CHILD',
          GRANDPARENT: 'OTHER',
          OTHER: 'OTHER',
        } as const
      )[memberRelation]
    case 'SIBLING':
      return (
        {
          SELF: 'SIBLING',
          SPOUSE: 'OTHER',
          CHILD: 'OTHER',
          PARENT: 'PARENT',
          GRANDCHILD: 'OTHER',
          SIBLING: 'SIBLING',
          GRANDPARENT: 'GRANDPARENT',
          OTHER: 'OTHER',
        } as const
      )[memberRelation]
    default:
      return 'OTHER'
  }
}

// ------------------------------------------------------------------ which events a person can have

export type EventType = 'BIRTH' | 'DEATH' | 'MARRIAGE' | 'DIVORCE' | 'MOVE_WITHIN' | 'MOVE_OUT' | 'RETURN'
export const PERSON_EVENT_TYPES: readonly EventType[] = ['BIRTH', 'DEATH', 'MARRIAGE', 'DIVORCE', 'MOVE_WITHIN', 'MOVE_OUT', 'RETURN']

export interface EventSubject {
  sex: Sex
  alive: boolean
  movedOut: boolean
  householdId: number | null
  maritalStatus: 'SINGLE' | 'MARRIED' | 'DIVORCED' | 'WIDOWED'
  residence: 'LOCAL' | 'AWAY' | 'INFLOW' | 'OUTFLOW'
}

export type EventRefusal =
  'alreadyDeceased' | 'deceased' | 'notInRegister' | 'motherInvalid' | 'motherNoHousehold' | 'alreadyMarried' | 'notMarried' | 'notAway'

/** Why an event cannot be recorded for this person (the last part of its message key), or null. */
export function eventRefusal(person: EventSubject, type: EventType): EventRefusal | null {
  switch (type) {
    case 'BIRTH':
      if (person.sex !== 'FEMALE' || !person.alive || person.movedOut) return 'motherInvalid'
      return person.householdId === null ? 'motherNoHousehold' : null
    case 'DEATH':
      return person.alive ? null : 'alreadyDeceased'
    case 'MARRIAGE':
      if (!person.alive) return 'deceased'
      // someone whose hukou moved out of the county marries where they live now, not in this register
      if (person.movedOut) return 'notInRegister'
      return person.maritalStatus === 'MARRIED' ? 'alreadyMarried' : null
    case 'DIVORCE':
      if (!person.alive) return 'deceased'
      return person.maritalStatus === 'MARRIED' ? null : 'notMarried'
    case 'MOVE_WITHIN':
    case 'MOVE_OUT':
      return !person.alive || person.movedOut ? 'notInRegister' : null
    case 'RETURN':
      return person.alive && (person.movedOut || person.residence === 'OUTFLOW' || person.residence === 'AWAY') ? null : 'notAway'
  }
}

/** The events that can be recorded for this person: the page shows these, the service refuses the rest. */
export function allowedEvents(person: EventSubject): EventType[] {
  return PERSON_EVENT_TYPES.filter((type) => eventRefusal(person, type) === null)
}
