import type { Subject } from '@/lib/access/permissions'
import type { SessionUser } from '@/lib/server/session'

/**
 * The inbox is read for the signed-in user: sources that need the region's ancestors (the county
 * of a township user) take them from the session. A bare Subject (no ancestors) is refused loudly.
 */
export function sessionUserOf(subject: Subject): SessionUser {
  if (!('regionAncestorIds' in subject)) throw new Error('an inbox source needs the signed-in user')
  return subject as SessionUser
}
