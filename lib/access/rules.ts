import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import type { RegionLevel, Role } from './roles'
import { ROLE_REGION_LEVELS } from './roles'

// Pure sign-in and account rules. The service applies them; unit tests pin them down.

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 128
export const SESSION_IDLE_MINUTES = 30
export const SESSION_ABSOLUTE_HOURS = 12
/** A sign-in ticket must be exchanged for the cookie almost at once. */
export const TICKET_SECONDS = 60

export type PasswordProblem = 'tooShort' | 'tooLong' | 'sameAsUsername' | 'controlCharacters' | 'allDigits' | 'tooGuessable'

// zxcvbn estimates how many guesses a password takes, knowing common passwords, words, names,
// keyboard walks, dates and repeats; score 3 ("safely unguessable", ~10^8 guesses) is the floor.
const strength = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs })
export const PASSWORD_MIN_SCORE = 3

/** What is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort'
  if ([...password].length > PASSWORD_MAX_LENGTH) return 'tooLong'
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'controlCharacters'
  const plain = password.trim().toLowerCase()
  const name = username.trim().toLowerCase()
  if (plain === name || (name.length >= 3 && plain.includes(name))) return 'sameAsUsername'
  if (/^\d+$/.test(plain)) return 'allDigits'
  if (strength.check(password, [username, ...username.split(/[._-]/)]).score < PASSWORD_MIN_SCORE) return 'tooGuessable'
  return null
}

// ------------------------------------------------------------------ sign-in throttling

/**
 * Failed sign-ins are counted three ways (lib/access/throttle.ts): per username and client address,
 * per username from anywhere, per client address for any username. Past `free` failures each one
 * makes the next attempt wait twice as long, up to `maxWaitSeconds`; `hardLockAt` failures within
 * the counting window (a sustained attack) lock for `hardLockMinutes`. Unknown usernames are
 * counted exactly like known ones, so neither the answer nor its timing tells them apart.
 */
export const THROTTLE = {
  windowHours: 24,
  pair: { free: 3, maxWaitSeconds: 15 * 60, hardLockAt: null, hardLockMinutes: 0 },
  account: { free: 10, maxWaitSeconds: 15 * 60, hardLockAt: 50, hardLockMinutes: 60 },
  // Many people share one address (a township office behind one router): generous, and a short lock.
  address: { free: 50, maxWaitSeconds: 15 * 60, hardLockAt: 500, hardLockMinutes: 60 },
} as const

export interface ThrottleRule {
  free: number
  maxWaitSeconds: number
  hardLockAt: number | null
  hardLockMinutes: number
}

/** How long to refuse attempts after the `failures`-th failure under `rule` (0: not at all). */
export function waitAfterFailures(failures: number, rule: ThrottleRule): number {
  if (rule.hardLockAt !== null && failures >= rule.hardLockAt) return rule.hardLockMinutes * 60
  if (failures <= rule.free) return 0
  return Math.min(rule.maxWaitSeconds, 2 ** (failures - rule.free - 1))
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
