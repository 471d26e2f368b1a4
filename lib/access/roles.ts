// Roles and regions are plain data shared by the database layer, the rules and the interface.
// The enums mirror prisma/schema.prisma; a unit test keeps the two lists equal.

export const ROLES = ['VILLAGE_OFFICER', 'TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'TOWNSHIP_SERVICE_STAFF', 'COUNTY_OFFICIAL', 'ADMIN', 'INSPECTOR'] as const
export type Role = (typeof ROLES)[number]

export const REGION_LEVELS = ['COUNTY', 'TOWNSHIP', 'VILLAGE', 'GROUP'] as const
export type RegionLevel = (typeof REGION_LEVELS)[number]

/** The region levels a user of each role may belong to. */
export const ROLE_REGION_LEVELS: Record<Role, readonly RegionLevel[]> = {
  VILLAGE_OFFICER: ['VILLAGE'],
  TOWNSHIP_STAFF: ['TOWNSHIP'],
  TOWNSHIP_LEADER: ['TOWNSHIP'],
  COUNTY_OFFICIAL: ['COUNTY'],
  // An administrator looks after the users and regions of the county or of one township.
  ADMIN: ['COUNTY', 'TOWNSHIP'],
  INSPECTOR: ['COUNTY'],
  // 服务站人员: one township's station and its villages
  TOWNSHIP_SERVICE_STAFF: ['TOWNSHIP'],
}
