import type { Role } from './roles'

// The one place that decides what a role may do and where. Pages, actions and queries ask
// can(...) and use regionScope(...) for reads; nothing else grants access.

export const ACTIONS = [
  'region.view',
  'region.manage',
  'user.view',
  'user.manage',
  'audit.view',
] as const
export type Action = (typeof ACTIONS)[number]

const GRANTS: Record<Role, readonly Action[]> = {
  VILLAGE_OFFICER: [],
  TOWNSHIP_STAFF: ['region.view'],
  TOWNSHIP_LEADER: ['region.view'],
  COUNTY_OFFICIAL: ['region.view'],
  ADMIN: ['region.view', 'region.manage', 'user.view', 'user.manage', 'audit.view'],
  INSPECTOR: ['region.view'],
}

/** Who is asking: enough of the signed-in user to decide. */
export interface Subject {
  id: number
  role: Role
  regionId: number
}

/** Where: a region with the ids of all its ancestors. */
export interface RegionRef {
  id: number
  ancestorIds: readonly number[]
}

/** A user sees their own region and everything below it, nothing else. */
export function inScope(subject: Subject, region: RegionRef): boolean {
  return region.id === subject.regionId || region.ancestorIds.includes(subject.regionId)
}

/** May `subject` do `action` (in `region`, when the action concerns one)? */
export function can(subject: Subject, action: Action, region?: RegionRef): boolean {
  if (!GRANTS[subject.role].includes(action)) return false
  return region === undefined || inScope(subject, region)
}

/** Prisma filter for the Region model: the subject's region and every region below it. */
export function regionScope(subject: Subject) {
  return { OR: [{ id: subject.regionId }, { ancestorIds: { has: subject.regionId } }] }
}

/** Prisma filter for any model with a `region` relation, scoped like regionScope. */
export function scopeWhere(subject: Subject) {
  return { region: regionScope(subject) }
}
