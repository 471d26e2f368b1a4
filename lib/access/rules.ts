import type { RegionLevel, Role } from './roles'
import { ROLE_REGION_LEVELS } from './roles'

// Pure sign-in and account rules. The service applies them; unit tests pin them down.

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 128
export const MAX_FAILED_SIGN_INS = 5
export const LOCK_MINUTES = 15
export const SESSION_IDLE_MINUTES = 30
export const SESSION_ABSOLUTE_HOURS = 12
/** A sign-in ticket must be exchanged for the cookie almost at once. */
export const TICKET_SECONDS = 60

export type PasswordProblem = 'tooShort' | 'tooLong' | 'sameAsUsername' | 'controlCharacters'

/** What is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort'
  if ([...password].length > PASSWORD_MAX_LENGTH) return 'tooLong'
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'controlCharacters'
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'sameAsUsername'
  return null
}

export interface LockState {
  failedLoginCount: number
  lockedUntil: Date | null
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now
}

/** The account state after one more failed sign-in. */
export function afterFailedSignIn(state: LockState, now: Date): LockState {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil !== null && state.lockedUntil <= now ? 0 : state.failedLoginCount
  const failedLoginCount = previous + 1
  if (failedLoginCount >= MAX_FAILED_SIGN_INS) {
    return { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) }
  }
  return { failedLoginCount, lockedUntil: state.lockedUntil !== null && state.lockedUntil <= now ? null : state.lockedUntil }
}

export interface SessionTimes {
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  revokedAt: Date | null
}

export type SessionEnd = 'revoked' | 'expired' | 'idle'

/** Why a session is no longer valid at `now`, or null while it is. */
export function sessionEnd(session: SessionTimes, now: Date): SessionEnd | null {
  if (session.revokedAt !== null) return 'revoked'
  if (now >= session.expiresAt) return 'expired'
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MINUTES * 60_000) return 'idle'
  return null
}

export function sessionExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000)
}

/** May a user of `role` belong to a region of `level`? */
export function roleFitsLevel(role: Role, level: RegionLevel): boolean {
  return ROLE_REGION_LEVELS[role].includes(level)
}
