import type { Prisma } from '@/lib/generated/prisma/client'
import { can, type Subject } from '@/lib/access/permissions'

// Who sees which stations, rooms and childcare institutions, as Prisma wheres: the county all of
// its own, a township its own and its villages' rooms, a village officer only their village's room.
// Not server-only: plain data, also used by the tests.

/** The owner type of a check's photos in the attachments kernel. */
export const CHECK_ATTACHMENT_OWNER = 'StationCheck'

export function stationScope(subject: Subject): Prisma.ServiceStationWhereInput {
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

/** Childcare institutions are a township's: a village sees none of them. */
export function institutionScope(subject: Subject): Prisma.ChildcareInstitutionWhereInput {
  switch (subject.regionLevel) {
    case 'COUNTY':
      return { countyId: subject.regionId }
    case 'TOWNSHIP':
      return { townshipId: subject.regionId }
    default:
      return { id: -1 }
  }
}

/** Who may open the stations pages: whoever sees services, and whoever manages stations. */
export const mayViewStations = (subject: Subject) => can(subject, 'service.view') || can(subject, 'service.station.manage')

/** Who may open the childcare pages: whoever sees services, and whoever manages the institutions. */
export const mayViewChildcare = (subject: Subject) => subject.regionLevel !== 'VILLAGE' && (can(subject, 'service.view') || can(subject, 'service.childcare'))
