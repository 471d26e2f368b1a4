import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername } from '@/tests/factories'
import {
  claimTicket,
  resetPassword,
  setUserActive,
  signInWithPassword,
  signOutSession,
  updateUser,
  validateSession,
  changeOwnPassword,
} from '@/lib/access/service'
import { asActor, ctxOf, meta, minutes } from './helpers'

const PASSWORD = 'Correct-horse-42'

async function setup() {
  const { county, townships, villages } = await makeCounty(db)
  const admin = await makeUser(db, { username: uniqueUsername('adm'), role: 'ADMIN', regionId: county.id, password: PASSWORD })
  const clerk = await makeUser(db, { username: uniqueUsername('clk'), role: 'VILLAGE_OFFICER', regionId: villages[0].id, password: PASSWORD })
  return { county, townships, villages, admin, clerk }
}

async function signedIn(username: string, now = new Date()) {
  const result = await signInWithPassword({ username, password: PASSWORD }, meta, now)
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`)
  const claimed = await claimTicket(result.ticket, now)
  return claimed!.sessionId
}

/** A client address of its own for each test, so the per-address counts do not meet. */
let lastOctet = 10
const from = () => ({ ip: `203.0.113.${lastOctet++}`, userAgent: 'vitest' })

describe('sign-in throttling', () => {
  afterEach(() => vi.useRealTimers())

  it('makes each further wrong password wait longer, refuses even the right one meanwhile, and lets it in afterwards', async () => {
    const { clerk } = await setup()
    const where = from()
    vi.useFakeTimers({ toFake: ['Date'] })
    const t0 = new Date('2026-11-22T08:00:00Z')
    vi.setSystemTime(t0)
    for (let i = 1; i <= 3; i++) {
      expect(await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, where)).toEqual({ ok: false, reason: 'invalid' })
    }
    expect(await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, where)).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: 1,
    })
    // Within the wait even the right password is refused, unchecked.
    expect(await signInWithPassword({ username: clerk.username, password: PASSWORD }, where)).toMatchObject({ ok: false, reason: 'throttled' })
    vi.setSystemTime(new Date(t0.getTime() + 1_100))
    expect(await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, where)).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: 2,
    })
    vi.setSystemTime(new Date(t0.getTime() + 3_200))
    expect(await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, where)).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: 4,
    })
    vi.setSystemTime(new Date(t0.getTime() + 7_300))
    expect((await signInWithPassword({ username: clerk.username, password: PASSWORD }, where)).ok).toBe(true)
    // The right password starts this address's count again.
    expect(await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, where)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('an unknown username gets the same answers, at the same pace, as a known one', async () => {
    const { clerk } = await setup()
    const ghost = uniqueUsername('ghost')
    const answers = async (username: string) => {
      const where = from()
      const out: unknown[] = []
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        const started = performance.now()
        out.push(await signInWithPassword({ username, password: 'wrong-password' }, where))
        times.push(performance.now() - started)
      }
      return { out, median: times.sort((a, b) => a - b)[2] }
    }
    const known = await answers(clerk.username)
    const unknown = await answers(ghost)
    expect(unknown.out).toEqual(known.out)
    expect(known.out.at(-1)).toMatchObject({ reason: 'throttled' })
    // Both spend a password hash on every checked attempt: within a factor of two of each other.
    expect(unknown.median).toBeGreaterThan(known.median / 2)
    expect(unknown.median).toBeLessThan(known.median * 2)
  })

  it('a lock-out attempt from elsewhere does not lock the owner out; a sustained attack on the account does', async () => {
    const { clerk } = await setup()
    const attacker = from()
    const owner = from()
    vi.useFakeTimers({ toFake: ['Date'] })
    let t = new Date('2026-11-23T08:00:00Z').getTime()
    vi.setSystemTime(t)
    for (let i = 0; i < 5; i++) await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, attacker)
    expect(await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, attacker)).toMatchObject({ reason: 'throttled' })
    expect((await signInWithPassword({ username: clerk.username, password: PASSWORD }, owner)).ok).toBe(true)

    // Fifty failures, each one after its wait has run out (hours of trying from many addresses).
    let last: Awaited<ReturnType<typeof signInWithPassword>> | undefined
    for (let i = 0; i < 50; i++) {
      t += 16 * 60_000
      vi.setSystemTime(t)
      last = await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, from())
    }
    expect(last).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 3600 })
    t += 16 * 60_000
    vi.setSystemTime(t)
    expect(await signInWithPassword({ username: clerk.username, password: PASSWORD }, owner)).toMatchObject({ ok: false, reason: 'throttled' })
    t += 45 * 60_000
    vi.setSystemTime(t)
    expect((await signInWithPassword({ username: clerk.username, password: PASSWORD }, owner)).ok).toBe(true)
  }, 120_000)

  it('an administrator’s password reset lifts the waits', async () => {
    const { admin, clerk } = await setup()
    const where = from()
    for (let i = 0; i < 5; i++) await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, where)
    expect(await signInWithPassword({ username: clerk.username, password: PASSWORD }, where)).toMatchObject({ reason: 'throttled' })
    const current = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    const { temporaryPassword } = await resetPassword(ctxOf(asActor(admin, 'COUNTY')), { userId: clerk.id, version: current.version })
    expect((await signInWithPassword({ username: clerk.username, password: temporaryPassword }, where)).ok).toBe(true)
  })

  it('records every attempt, success or failure, in the audit table', async () => {
    const { clerk } = await setup()
    await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, meta)
    await signInWithPassword({ username: clerk.username, password: PASSWORD }, meta)
    const ghost = uniqueUsername('ghost')
    await signInWithPassword({ username: ghost, password: 'whatever-it-is' }, meta)
    const events = await db.auditEvent.findMany({ where: { actorName: { in: [clerk.username, ghost] } }, orderBy: { id: 'asc' } })
    expect(events.map((e) => e.action)).toEqual(['auth.signIn.failed', 'auth.signIn', 'auth.signIn.failed'])
    expect(events[2].after).toEqual({ reason: 'unknownUser' })
    expect(events.every((e) => e.ip === '127.0.0.1')).toBe(true)
  })

  it('does not sign in a deactivated account', async () => {
    const { admin, clerk } = await setup()
    await setUserActive(ctxOf(asActor(admin, 'COUNTY')), { userId: clerk.id, version: clerk.version, active: false })
    expect(await signInWithPassword({ username: clerk.username, password: PASSWORD }, meta)).toEqual({ ok: false, reason: 'inactive' })
  })
})

describe('changing one’s own password', () => {
  it('counts wrong current passwords like wrong sign-ins: a stolen session cannot guess on', async () => {
    const { clerk } = await setup()
    const sid = await signedIn(clerk.username)
    const actor = { ...asActor(clerk, 'VILLAGE'), ip: from().ip }
    const user = { id: clerk.id, username: clerk.username, sessionId: sid }
    const attempt = (currentPassword: string) => changeOwnPassword(ctxOf(actor), user, { currentPassword, newPassword: 'Another-pass-77' })
    for (let i = 0; i < 3; i++) await expect(attempt('not-it-at-all')).rejects.toMatchObject({ key: 'password.wrongCurrent' })
    await expect(attempt('not-it-at-all')).rejects.toMatchObject({ key: 'login.throttledSeconds', params: { seconds: 1 } })
    await expect(attempt(PASSWORD)).rejects.toMatchObject({ key: 'login.throttledSeconds' })
    const events = await db.auditEvent.findMany({ where: { actorId: clerk.id, action: { startsWith: 'user.changePassword' } } })
    expect(events.map((e) => e.action).sort()).toEqual([...Array(4).fill('user.changePassword.failed'), 'user.changePassword.throttled'])
  })
})

describe('sessions', () => {
  it('a ticket is exchanged once, and only within a minute', async () => {
    const { clerk } = await setup()
    const now = new Date()
    const result = await signInWithPassword({ username: clerk.username, password: PASSWORD }, meta, now)
    if (!result.ok) throw new Error('sign-in failed')
    expect(await claimTicket(result.ticket, minutes(now, 2))).toBeNull()
    const other = await signInWithPassword({ username: clerk.username, password: PASSWORD }, meta, now)
    if (!other.ok) throw new Error('sign-in failed')
    expect(await claimTicket(other.ticket, now)).not.toBeNull()
    expect(await claimTicket(other.ticket, now)).toBeNull()
  })

  it('ends after 30 minutes idle and after 12 hours however active', async () => {
    const { clerk } = await setup()
    const t0 = new Date()
    const sid = await signedIn(clerk.username, t0)
    expect(await validateSession(sid, minutes(t0, 29))).not.toBeNull()
    expect(await validateSession(sid, minutes(t0, 58))).not.toBeNull() // seen at 29 minutes
    expect(await validateSession(sid, minutes(t0, 58 + 30))).toBeNull()

    const busy = await signedIn(clerk.username, t0)
    for (let m = 20; m < 12 * 60; m += 20) expect(await validateSession(busy, minutes(t0, m))).not.toBeNull()
    expect(await validateSession(busy, minutes(t0, 12 * 60))).toBeNull()
  })

  it('signing out ends the session on the server', async () => {
    const { clerk } = await setup()
    const sid = await signedIn(clerk.username)
    await signOutSession(asActor(clerk, 'VILLAGE'), sid)
    expect(await validateSession(sid)).toBeNull()
  })

  it('deactivation, password reset and role change each end the user’s sessions at once', async () => {
    const { admin, clerk, townships } = await setup()
    const actor = asActor(admin, 'COUNTY')

    let sid = await signedIn(clerk.username)
    let current = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    await updateUser(ctxOf(actor), { userId: clerk.id, version: current.version, name: '新名字', role: 'VILLAGE_OFFICER', regionId: clerk.regionId })
    expect(await validateSession(sid)).not.toBeNull() // a new name alone does not end a session

    current = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    await updateUser(ctxOf(actor), { userId: clerk.id, version: current.version, name: '新名字', role: 'TOWNSHIP_STAFF', regionId: townships[0].id })
    expect(await validateSession(sid)).toBeNull()

    sid = await signedIn(clerk.username)
    current = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    const { temporaryPassword } = await resetPassword(ctxOf(actor), { userId: clerk.id, version: current.version })
    expect(await validateSession(sid)).toBeNull()
    const afterReset = await signInWithPassword({ username: clerk.username, password: temporaryPassword }, meta)
    expect(afterReset.ok).toBe(true)
    const reset = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    expect(reset.mustChangePassword).toBe(true)

    if (!afterReset.ok) return
    sid = (await claimTicket(afterReset.ticket))!.sessionId
    await setUserActive(ctxOf(actor), { userId: clerk.id, version: reset.version, active: false })
    expect(await validateSession(sid)).toBeNull()
  })

  it('changing one’s own password keeps this session, ends the others and clears the must-change flag', async () => {
    const { clerk } = await setup()
    await db.user.update({ where: { id: clerk.id }, data: { mustChangePassword: true } })
    const here = await signedIn(clerk.username)
    const elsewhere = await signedIn(clerk.username)
    const user = { id: clerk.id, username: clerk.username, sessionId: here }
    await expect(changeOwnPassword(ctxOf(asActor(clerk, 'VILLAGE')), user, { currentPassword: PASSWORD, newPassword: clerk.username })).rejects.toMatchObject({
      key: 'password.rules.sameAsUsername',
    })
    await expect(
      changeOwnPassword(ctxOf(asActor(clerk, 'VILLAGE')), user, { currentPassword: 'not-it-at-all', newPassword: 'Another-pass-77' }),
    ).rejects.toMatchObject({
      key: 'password.wrongCurrent',
    })
    await expect(changeOwnPassword(ctxOf(asActor(clerk, 'VILLAGE')), user, { currentPassword: PASSWORD, newPassword: '1234567890123' })).rejects.toMatchObject({
      key: 'password.rules.allDigits',
    })
    await expect(changeOwnPassword(ctxOf(asActor(clerk, 'VILLAGE')), user, { currentPassword: PASSWORD, newPassword: 'password1234' })).rejects.toMatchObject({
      key: 'password.rules.tooGuessable',
    })
    await changeOwnPassword(ctxOf(asActor(clerk, 'VILLAGE')), user, { currentPassword: PASSWORD, newPassword: 'Another-pass-77' })
    expect(await validateSession(here)).toMatchObject({ mustChangePassword: false })
    expect(await validateSession(elsewhere)).toBeNull()
  })
})
