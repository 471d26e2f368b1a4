import type { Prisma } from '@/lib/generated/prisma/client'
import type { Subject } from '@/lib/access/permissions'

// Which stations a user's supplies work reaches, as a Prisma where over ServiceStation (and the
// same columns on SupplyMovement and SupplyStock): a county official the county's, township staff
// their township's station and rooms, a village officer the room of their village. Not server-only:
// plain data, also used by the tests.

export function stationScope(subject: Subject): { countyId: number } | { townshipId: number } | { villageId: number } | { id: number } {
  switch (subject.regionLevel) {
    case 'COUNTY':
      return { countyId: subject.regionId }
    case 'TOWNSHIP':
      return { townshipId: subject.regionId }
    case 'VILLAGE':
      return { villageId: subject.regionId }
    default:
      return { id: -1 }
  }
}

export const stationWhere = (subject: Subject): Prisma.ServiceStationWhereInput => stationScope(subject)

/** The movement columns of the same scope (a movement carries its station's county, township and village). */
export function movementWhere(subject: Subject): Prisma.SupplyMovementWhereInput {
  const s = stationScope(subject)
  return 'id' in s ? { id: -1 } : s
}
