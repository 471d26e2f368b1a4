import type { Prisma } from '@/lib/generated/prisma/client'
import { can, registerScope, type Subject } from '@/lib/access/permissions'

// Who sees which service records, as a Prisma where: the one filter every read of records uses, so
// a record a user may not see is missing from every id lookup, list, figure drill-down and export.
// Not server-only: plain data, also used by the tests.

/** The record columns of the subject's own region (group-level users do not exist for services). */
export function recordScope(subject: Subject): Prisma.ServiceRecordWhereInput {
  const scope = registerScope(subject)
  return 'groupId' in scope ? { id: -1 } : scope
}

/**
 * Current records (not corrected, voided or withdrawn) in the subject's region. Sensitive records
 * only for township service staff, and only those of their own township; everyone else (village
 * officers, township staff and leaders, county officials, inspectors, administrators) never gets
 * one. Withdrawn records are seen by no one: the audit trail keeps what happened.
 */
export function visibleRecords(subject: Subject): Prisma.ServiceRecordWhereInput {
  const sensitive: Prisma.ServiceRecordWhereInput =
    can(subject, 'service.sensitive') && subject.regionLevel === 'TOWNSHIP'
      ? { OR: [{ sensitive: false }, { sensitive: true, townshipId: subject.regionId }] }
      : { sensitive: false }
  return { AND: [recordScope(subject), sensitive, { status: 'ACTIVE', voided: false, withdrawnOn: null }] }
}

/** Whether the subject sees sensitive records anywhere (for the small-cell rule of figures). */
export const seesSensitive = (subject: Subject) => can(subject, 'service.sensitive')
