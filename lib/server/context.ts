import type { Subject } from '@/lib/access/permissions'
import type { Actor } from './audit'

/**
 * The first argument of every service function: who asks (the subject, for permissions and the
 * region scope of every read) and who acts (the actor, for the audit trail: includes the address).
 */
export interface ServiceContext {
  actor: Actor
  subject: Subject
}
