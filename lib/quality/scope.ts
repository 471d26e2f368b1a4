import type { Prisma } from '@/lib/generated/prisma/client'
import { registerScope, type Subject } from '@/lib/access/permissions'

// Below both the queue's reads (queries.ts) and its writes (service.ts): which findings a user may see.

/**
 * The findings a subject may see: registerScope on the finding's own county/township/village
 * columns. Findings carry no group id and no role sits at group level, so a group subject sees none.
 */
export function findingScope(subject: Subject): Prisma.QualityFindingWhereInput {
  const scope = registerScope(subject)
  return 'groupId' in scope ? { id: -1 } : scope
}
