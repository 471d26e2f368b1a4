import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { randomBytes } from 'node:crypto'
import { Prisma } from '@/lib/generated/prisma/client'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied, type Actor } from '@/lib/server/audit'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { inScope, regionScope, type Subject } from './permissions'
import { regionById } from '@/lib/regions/lookups'
import { hashPassword, temporaryPassword, verifyAgainstNothing, verifyPassword } from './password'
import { forgetAccount, recordFailure, recordSuccess, secondsToWait, throttleKeys, waitMessage } from './throttle'
import { passwordProblem, roleFitsLevel, sessionEnd, sessionExpiry, TICKET_SECONDS, type PasswordProblem } from './rules'
import type { RegionLevel, Role } from './roles'

// ------------------------------------------------------------------ sign-in

export type SignInResult =
  { ok: true; ticket: string; userId: number } | { ok: false; reason: 'invalid' | 'inactive' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number }

/**
 * Checks a username and password under the sign-in throttle (lib/access/throttle.ts) and, on
 * success, opens a server-side session whose id is returned as a one-time ticket for the sign-in
 * cookie (see claimTicket). Unknown and known usernames take the same steps, get the same answers
 * and are throttled alike, so neither the message nor its timing says whether an account exists.
 * A second factor slots in here: on success it would return `{ ok: 'second-factor', pending }`
 * and open the session only after the code is checked. Every outcome is audited.
 */
export async function signInWithPassword(
  input: { username: string; password: string },
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<SignInResult> {
  const keys = throttleKeys(input.username, meta.ip)
  const user = await db.user.findUnique({
    where: { username: input.username },
    select: { id: true, username: true, role: true, regionId: true, active: true, passwordHash: true },
  })
  const actor: Actor = user
    ? { id: user.id, username: user.username, role: user.role, regionId: user.regionId, ip: meta.ip }
    : { id: null, username: input.username, role: null, regionId: null, ip: meta.ip }
  const unknown = user ? {} : { reason: 'unknownUser' }

  const wait = await secondsToWait(keys)
  if (wait > 0) {
    // Refused before the password is looked at: guessing on does not help.
    await audit(db, actor, { action: 'auth.signIn.throttled', entity: 'User', entityId: user?.id, after: { ...unknown, retryAfterSeconds: wait } })
    return { ok: false, reason: 'throttled', retryAfterSeconds: wait }
  }

  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password)
  if (!user || !passwordOk) {
    const earned = await recordFailure(keys)
    await audit(db, actor, {
      action: 'auth.signIn.failed',
      entity: 'User',
      entityId: user?.id,
      after: { reason: user ? 'wrongPassword' : 'unknownUser', ...(earned > 0 ? { retryAfterSeconds: earned } : {}) },
    })
    return earned > 0 ? { ok: false, reason: 'throttled', retryAfterSeconds: earned } : { ok: false, reason: 'invalid' }
  }
  if (!user.active) {
    await audit(db, actor, { action: 'auth.signIn.failed', entity: 'User', entityId: user.id, after: { reason: 'inactive' } })
    return { ok: false, reason: 'inactive' }
  }

  await recordSuccess(keys)
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } })
    const ticket = randomBytes(32).toString('hex')
    await tx.userSession.create({
      data: { id: ticket, userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: sessionExpiry(now), ip: meta.ip, userAgent: meta.userAgent },
    })
    await audit(tx, actor, { action: 'auth.signIn', entity: 'UserSession', entityId: ticket.slice(0, 12) })
    return { ok: true, ticket, userId: user.id }
  })
}

/**
 * Exchanges a fresh sign-in ticket for the session it names, once. Called by Auth.js's
 * credentials provider; the ticket never leaves the server before this.
 */
export async function claimTicket(ticket: string, now = new Date()): Promise<{ sessionId: string; userId: number } | null> {
  if (!/^[0-9a-f]{64}$/.test(ticket)) return null
  const claimed = await db.userSession.updateMany({
    where: { id: ticket, claimedAt: null, revokedAt: null, createdAt: { gte: new Date(now.getTime() - TICKET_SECONDS * 1000) } },
    data: { claimedAt: now },
  })
  if (claimed.count !== 1) return null
  const session = await db.userSession.findUniqueOrThrow({ where: { id: ticket }, select: { userId: true } })
  return { sessionId: ticket, userId: session.userId }
}

export interface SessionUser extends Subject {
  sessionId: string
  username: string
  name: string
  role: Role
  regionId: number
  regionName: string
  regionLevel: RegionLevel
  regionAncestorIds: number[]
  mustChangePassword: boolean
}

/** Only touch lastSeenAt this often: enough for a 30-minute idle limit, few writes. */
const TOUCH_EVERY_MS = 30_000

/** The user behind a session id, or null once the session has ended for any reason. */
export async function validateSession(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const session = await db.userSession.findUnique({
    where: { id: sessionId },
    include: { user: { include: { region: { select: { name: true, level: true, ancestorIds: true } } } } },
  })
  if (!session || session.claimedAt === null) return null
  if (sessionEnd(session, now) !== null || !session.user.active) return null
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } })
  }
  const u = session.user
  return {
    sessionId,
    id: u.id,
    username: u.username,
    name: u.name,
    role: u.role,
    regionId: u.regionId,
    regionName: u.region.name,
    regionLevel: u.region.level,
    regionAncestorIds: u.region.ancestorIds,
    mustChangePassword: u.mustChangePassword,
  }
}

/**
 * Ends a session on the server at sign-out, whichever way the user signed out (our button, or
 * Auth.js's own /api/auth/signout, see lib/server/auth.ts). Audited once, by whoever ended it;
 * `actor` defaults to the session's user. Returns whether it was still open.
 */
export async function signOutSession(actor: Actor | null, sessionId: string, now = new Date(), ip: string | null = null): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const ended = await tx.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, revokedReason: 'signOut' } })
    if (ended.count === 0) return false
    let who = actor
    if (!who) {
      const { user } = await tx.userSession.findUniqueOrThrow({
        where: { id: sessionId },
        select: { user: { select: { id: true, username: true, role: true, regionId: true } } },
      })
      who = { id: user.id, username: user.username, role: user.role, regionId: user.regionId, ip }
    }
    await audit(tx, who, { action: 'auth.signOut', entity: 'UserSession', entityId: sessionId.slice(0, 12) })
    return true
  })
}

async function endAllSessions(tx: Tx, userId: number, reason: string, now: Date, exceptSessionId?: string) {
  await tx.userSession.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: now, revokedReason: reason },
  })
}

// ------------------------------------------------------------------ own password

function passwordError(problem: PasswordProblem): AppError {
  return new AppError(`password.rules.${problem}`, undefined, { newPassword: `password.rules.${problem}` })
}

/**
 * The signed-in user (`ctx.subject`) changes their own password; `own` is their account's name and
 * the session to keep open (every other session of theirs ends).
 */
export async function changeOwnPassword(
  ctx: ServiceContext,
  own: { username: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  now = new Date(),
): Promise<void> {
  const { actor } = ctx
  const user = { id: ctx.subject.id, username: own.username, sessionId: own.sessionId }
  // A wrong current password counts like a wrong sign-in: a stolen session cannot guess on.
  const keys = throttleKeys(user.username, actor.ip)
  const wait = await secondsToWait(keys)
  if (wait > 0) {
    await audit(db, actor, { action: 'user.changePassword.throttled', entity: 'User', entityId: user.id, after: { retryAfterSeconds: wait } })
    const message = waitMessage(wait)
    throw new AppError(message.key, message.params)
  }
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    const earned = await recordFailure(keys)
    await audit(db, actor, {
      action: 'user.changePassword.failed',
      entity: 'User',
      entityId: user.id,
      after: { reason: 'wrongCurrent', ...(earned > 0 ? { retryAfterSeconds: earned } : {}) },
    })
    if (earned > 0) {
      const message = waitMessage(earned)
      throw new AppError(message.key, message.params, { currentPassword: 'password.wrongCurrent' })
    }
    throw new AppError('password.wrongCurrent', undefined, { currentPassword: 'password.wrongCurrent' })
  }
  const problem = passwordProblem(input.newPassword, user.username)
  if (problem) throw passwordError(problem)
  if (input.newPassword === input.currentPassword) {
    throw new AppError('password.sameAsCurrent', undefined, { newPassword: 'password.sameAsCurrent' })
  }
  const passwordHash = await hashPassword(input.newPassword)
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, version: { increment: 1 } } })
    await endAllSessions(tx, user.id, 'passwordChanged', now, user.sessionId)
    await audit(tx, actor, { action: 'user.changePassword', entity: 'User', entityId: user.id })
  })
}

// ------------------------------------------------------------------ administering users

const userAuditFields = { id: true, username: true, name: true, role: true, regionId: true, active: true } as const

// Rows outside the subject's region look missing; when they do exist, the attempt is audited.

async function regionInScope(tx: Tx, ctx: ServiceContext, regionId: number) {
  const { actor, subject } = ctx
  const found = await regionById(tx, regionId)
  const region = found && inScope(subject, found) ? found : null
  if (!region || !region.active) {
    if (found && !region) await auditDenied(actor, 'user.manage', { regionId })
    throw new AppError('users.regionNotAllowed', undefined, { regionId: 'users.regionNotAllowed' })
  }
  return region
}

async function userInScope(tx: Tx, ctx: ServiceContext, userId: number) {
  const { actor, subject } = ctx
  const user = await tx.user.findFirst({ where: { id: userId, region: regionScope(subject) } })
  if (!user) {
    if (await db.user.findUnique({ where: { id: userId }, select: { id: true } })) await auditDenied(actor, 'user.manage', { userId })
    throw new NotFoundError()
  }
  return user
}

function checkRoleFits(role: Role, level: RegionLevel) {
  if (!roleFitsLevel(role, level)) throw new AppError('users.roleRegionMismatch', undefined, { role: 'users.roleRegionMismatch' })
}

/** Creates an account with a temporary password that must be changed at first sign-in. */
export async function createUser(
  ctx: ServiceContext,
  input: { username: string; name: string; role: Role; regionId: number },
): Promise<{ id: number; temporaryPassword: string }> {
  const { actor } = ctx
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  try {
    return await db.$transaction(async (tx) => {
      const region = await regionInScope(tx, ctx, input.regionId)
      checkRoleFits(input.role, region.level)
      const user = await tx.user.create({
        data: { ...input, passwordHash, mustChangePassword: true },
        select: userAuditFields,
      })
      await audit(tx, actor, { action: 'user.create', entity: 'User', entityId: user.id, regionId: user.regionId, after: user })
      return { id: user.id, temporaryPassword: password }
    })
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('users.usernameTaken', undefined, { username: 'users.usernameTaken' })
    }
    throw error
  }
}

/** Changes name, role and region. A change of role or region ends the user's sessions at once. */
export async function updateUser(
  ctx: ServiceContext,
  input: { userId: number; version: number; name: string; role: Role; regionId: number },
  now = new Date(),
): Promise<void> {
  const { actor, subject } = ctx
  await db.$transaction(async (tx) => {
    const before = await userInScope(tx, ctx, input.userId)
    if (before.version !== input.version) throw new ConflictError()
    if (before.id === subject.id && (before.role !== input.role || before.regionId !== input.regionId)) {
      throw new AppError('users.cannotChangeSelf')
    }
    const region = await regionInScope(tx, ctx, input.regionId)
    checkRoleFits(input.role, region.level)
    const after = await tx.user.update({
      where: { id: before.id },
      data: { name: input.name, role: input.role, regionId: input.regionId, version: { increment: 1 } },
      select: userAuditFields,
    })
    if (before.role !== after.role || before.regionId !== after.regionId) {
      await endAllSessions(tx, before.id, 'roleChanged', now)
    }
    await audit(tx, actor, {
      action: 'user.update',
      entity: 'User',
      entityId: before.id,
      regionId: after.regionId,
      before: { name: before.name, role: before.role, regionId: before.regionId },
      after: { name: after.name, role: after.role, regionId: after.regionId },
    })
  })
}

/** Deactivates (ending every session at once) or reactivates an account. */
export async function setUserActive(ctx: ServiceContext, input: { userId: number; version: number; active: boolean }, now = new Date()): Promise<void> {
  const { actor, subject } = ctx
  await db.$transaction(async (tx) => {
    const before = await userInScope(tx, ctx, input.userId)
    if (before.version !== input.version) throw new ConflictError()
    if (before.id === subject.id) throw new AppError('users.cannotChangeSelf')
    await tx.user.update({ where: { id: before.id }, data: { active: input.active, version: { increment: 1 } } })
    if (!input.active) await endAllSessions(tx, before.id, 'deactivated', now)
    await audit(tx, actor, {
      action: input.active ? 'user.activate' : 'user.deactivate',
      entity: 'User',
      entityId: before.id,
      regionId: before.regionId,
      before: { active: before.active },
      after: { active: input.active },
    })
  })
}

/** Gives the account a new temporary password, lifts its sign-in waits and ends its sessions. */
export async function resetPassword(ctx: ServiceContext, input: { userId: number; version: number }, now = new Date()): Promise<{ temporaryPassword: string }> {
  const { actor, subject } = ctx
  const password = temporaryPassword()
  const passwordHash = await hashPassword(password)
  await db.$transaction(async (tx) => {
    const before = await userInScope(tx, ctx, input.userId)
    if (before.version !== input.version) throw new ConflictError()
    if (before.id === subject.id) throw new AppError('users.cannotChangeSelf')
    await tx.user.update({
      where: { id: before.id },
      data: { passwordHash, mustChangePassword: true, version: { increment: 1 } },
    })
    await forgetAccount(tx, before.username)
    await endAllSessions(tx, before.id, 'passwordReset', now)
    await audit(tx, actor, { action: 'user.resetPassword', entity: 'User', entityId: before.id, regionId: before.regionId })
  })
  return { temporaryPassword: password }
}
