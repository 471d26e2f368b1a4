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
