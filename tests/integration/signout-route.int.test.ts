import { describe, expect, it } from 'vitest'
import { encode } from 'next-auth/jwt'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername } from '@/tests/factories'
import { claimTicket, signInWithPassword, validateSession } from '@/lib/access/service'
import { handlers } from '@/lib/server/auth'
import { meta } from './helpers'

const BASE = 'http://localhost:3000/api/auth'
const COOKIE = 'authjs.session-token'

/** The cookies a response sets, as one Cookie header. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

describe('Auth.js’s own sign-out route', () => {
  it('POST /api/auth/signout ends the server session, so the old cookie no longer signs anyone in', async () => {
    const { villages } = await makeCounty(db)
    const clerk = await makeUser(db, { username: uniqueUsername('so'), role: 'VILLAGE_OFFICER', regionId: villages[0].id, password: 'Correct-horse-42' })
    const signedIn = await signInWithPassword({ username: clerk.username, password: 'Correct-horse-42' }, meta)
    if (!signedIn.ok) throw new Error('sign-in failed')
    const { sessionId } = (await claimTicket(signedIn.ticket))!
    expect(await validateSession(sessionId)).not.toBeNull()

    // The cookie as Auth.js wrote it at sign-in.
    const token = await encode({ token: { sub: String(clerk.id), sid: sessionId }, secret: process.env.AUTH_SECRET!, salt: COOKIE })
    const csrf = await handlers.GET(new Request(`${BASE}/csrf`) as never)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const response = await handlers.POST(
      new Request(`${BASE}/signout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${COOKIE}=${token}; ${cookiesOf(csrf)}` },
        body: new URLSearchParams({ csrfToken, callbackUrl: '/login' }),
      }) as never,
    )
    expect(response.status).toBeLessThan(400)
    expect(cookiesOf(response)).toContain(`${COOKIE}=`) // the cookie is cleared ...

    // ... and the session behind it is over, with one audit event.
    expect(await validateSession(sessionId)).toBeNull()
    const row = await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })
    expect(row.revokedReason).toBe('signOut')
    const events = await db.auditEvent.findMany({ where: { actorId: clerk.id, action: 'auth.signOut' } })
    expect(events).toHaveLength(1)
  })
})
