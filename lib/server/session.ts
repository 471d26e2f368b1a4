import 'server-only'
import { cache } from 'react'
import { notFound, redirect } from 'next/navigation'
import { can, type Action } from '@/lib/access/permissions'
import { validateSession, type SessionUser } from '@/lib/access/service'
import { auth } from './auth'
import { auditDenied, type Actor } from './audit'
import { requestMeta } from './request'

export type { SessionUser }

/** The signed-in user of this request, or null. Checked against the session row every request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { sid?: string } | null
  if (!session?.sid) return null
  return validateSession(session.sid)
})

export async function actorOf(user: SessionUser | null): Promise<Actor> {
  const { ip } = await requestMeta()
  return user
    ? { id: user.id, username: user.username, role: user.role, regionId: user.regionId, ip }
    : { id: null, username: null, role: null, regionId: null, ip }
}

/**
 * For pages: the signed-in user, sent to sign in when there is none and to change their password
 * when they must. With `action`, a user without that permission sees "not found" (and the refusal
 * is audited), as if the page did not exist.
 */
export async function requireUser(action?: Action): Promise<SessionUser> {
  const user = await getSessionUser()
  if (!user) redirect('/login')
  if (user.mustChangePassword) redirect('/change-password')
  if (action && !can(user, action)) {
    await auditDenied(await actorOf(user), action)
    notFound()
  }
  return user
}
