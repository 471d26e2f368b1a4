import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername } from '@/tests/factories'
import { claimTicket, resetPassword, setUserActive, signInWithPassword, signOutSession, updateUser, validateSession, changeOwnPassword } from '@/lib/access/service'
import { asActor, meta, minutes } from './helpers'

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

describe('sign-in lockout', () => {
  it('locks after five wrong passwords, refuses even the right one, and unlocks after 15 minutes', async () => {
    const { clerk } = await setup()
    const t0 = new Date()
    for (let i = 1; i <= 4; i++) {
      expect(await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, meta, t0)).toEqual({ ok: false, reason: 'invalid' })
    }
    const fifth = await signInWithPassword({ username: clerk.username, password: 'wrong-password' }, meta, t0)
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' })

    const whileLocked = await signInWithPassword({ username: clerk.username, password: PASSWORD }, meta, minutes(t0, 14))
    expect(whileLocked).toMatchObject({ ok: false, reason: 'locked' })

    const afterwards = await signInWithPassword({ username: clerk.username, password: PASSWORD }, meta, minutes(t0, 15))
    expect(afterwards.ok).toBe(true)
    const row = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    expect(row.failedLoginCount).toBe(0)
    expect(row.lockedUntil).toBeNull()
  })

  it('counts concurrent wrong attempts without losing any', async () => {
    const { clerk } = await setup()
    await Promise.all(Array.from({ length: 5 }, () => signInWithPassword({ username: clerk.username, password: 'nope-nope-nope' }, meta)))
    const row = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    expect(row.lockedUntil).not.toBeNull()
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
    await setUserActive(asActor(admin, 'COUNTY'), asActor(admin, 'COUNTY'), { userId: clerk.id, version: clerk.version, active: false })
    expect(await signInWithPassword({ username: clerk.username, password: PASSWORD }, meta)).toEqual({ ok: false, reason: 'inactive' })
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
    await updateUser(actor, actor, { userId: clerk.id, version: current.version, name: '新名字', role: 'VILLAGE_OFFICER', regionId: clerk.regionId })
    expect(await validateSession(sid)).not.toBeNull() // a new name alone does not end a session

    current = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    await updateUser(actor, actor, { userId: clerk.id, version: current.version, name: '新名字', role: 'TOWNSHIP_STAFF', regionId: townships[0].id })
    expect(await validateSession(sid)).toBeNull()

    sid = await signedIn(clerk.username)
    current = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    const { temporaryPassword } = await resetPassword(actor, actor, { userId: clerk.id, version: current.version })
    expect(await validateSession(sid)).toBeNull()
    const afterReset = await signInWithPassword({ username: clerk.username, password: temporaryPassword }, meta)
    expect(afterReset.ok).toBe(true)
    const reset = await db.user.findUniqueOrThrow({ where: { id: clerk.id } })
    expect(reset.mustChangePassword).toBe(true)

    if (!afterReset.ok) return
    sid = (await claimTicket(afterReset.ticket))!.sessionId
    await setUserActive(actor, actor, { userId: clerk.id, version: reset.version, active: false })
    expect(await validateSession(sid)).toBeNull()
  })

  it('changing one’s own password keeps this session, ends the others and clears the must-change flag', async () => {
    const { clerk } = await setup()
    await db.user.update({ where: { id: clerk.id }, data: { mustChangePassword: true } })
    const here = await signedIn(clerk.username)
    const elsewhere = await signedIn(clerk.username)
    const user = { id: clerk.id, username: clerk.username, sessionId: here }
    await expect(changeOwnPassword(asActor(clerk, 'VILLAGE'), user, { currentPassword: PASSWORD, newPassword: clerk.username })).rejects.toMatchObject({
      key: 'password.rules.sameAsUsername',
    })
    await expect(changeOwnPassword(asActor(clerk, 'VILLAGE'), user, { currentPassword: 'not-it-at-all', newPassword: 'Another-pass-77' })).rejects.toMatchObject({
      key: 'password.wrongCurrent',
    })
    await changeOwnPassword(asActor(clerk, 'VILLAGE'), user, { currentPassword: PASSWORD, newPassword: 'Another-pass-77' })
    expect(await validateSession(here)).toMatchObject({ mustChangePassword: false })
    expect(await validateSession(elsewhere)).toBeNull()
  })
})
