import { describe, expect, it } from 'vitest'
import { afterFailedSignIn, isLocked, passwordProblem, roleFitsLevel, sessionEnd, sessionExpiry } from './rules'

describe('password rules', () => {
  it('needs at least 10 characters', () => {
    expect(passwordProblem('short1!', 'clerk')).toBe('tooShort')
    expect(passwordProblem('123456789', 'clerk')).toBe('tooShort')
    expect(passwordProblem('1234567890', 'clerk')).toBeNull()
  })
  it('counts characters, not bytes: ten Chinese characters are enough', () => {
    expect(passwordProblem('宁津县人口服务平台好', 'clerk')).toBeNull()
  })
  it('refuses the username, in any case and with surrounding spaces', () => {
    expect(passwordProblem('njz.staff01', 'njz.staff01')).toBe('sameAsUsername')
    expect(passwordProblem(' NJZ.STAFF01 ', 'njz.staff01')).toBe('sameAsUsername')
  })
  it('refuses control characters and overlong passwords', () => {
    expect(passwordProblem('abcdefghij\u0000', 'x')).toBe('controlCharacters')
    expect(passwordProblem('a'.repeat(129), 'x')).toBe('tooLong')
    expect(passwordProblem('a'.repeat(128), 'x')).toBeNull()
  })
})

describe('lockout', () => {
  const now = new Date('2026-11-22T08:00:00Z')
  it('locks for 15 minutes at the fifth failure in a row', () => {
    let state = { failedLoginCount: 0, lockedUntil: null as Date | null }
    for (let i = 1; i <= 4; i++) {
      state = afterFailedSignIn(state, now)
      expect(state.failedLoginCount).toBe(i)
      expect(isLocked(state, now)).toBe(false)
    }
    state = afterFailedSignIn(state, now)
    expect(isLocked(state, now)).toBe(true)
    expect(state.lockedUntil).toEqual(new Date('2026-11-22T08:15:00Z'))
    expect(isLocked(state, new Date('2026-11-22T08:14:59Z'))).toBe(true)
    expect(isLocked(state, new Date('2026-11-22T08:15:00Z'))).toBe(false)
  })
  it('starts a fresh count once a lock has run out', () => {
    const expired = { failedLoginCount: 0, lockedUntil: new Date('2026-11-22T07:59:00Z') }
    expect(afterFailedSignIn(expired, now)).toEqual({ failedLoginCount: 1, lockedUntil: null })
  })
})

describe('session limits', () => {
  const createdAt = new Date('2026-11-22T08:00:00Z')
  const session = { createdAt, lastSeenAt: createdAt, expiresAt: sessionExpiry(createdAt), revokedAt: null }
  it('ends after 30 minutes idle', () => {
    expect(sessionEnd(session, new Date('2026-11-22T08:29:59Z'))).toBeNull()
    expect(sessionEnd(session, new Date('2026-11-22T08:30:00Z'))).toBe('idle')
  })
  it('ends 12 hours after sign-in however active', () => {
    const busy = { ...session, lastSeenAt: new Date('2026-11-22T19:59:00Z') }
    expect(sessionEnd(busy, new Date('2026-11-22T19:59:59Z'))).toBeNull()
    expect(sessionEnd(busy, new Date('2026-11-22T20:00:00Z'))).toBe('expired')
  })
  it('ends at once when revoked', () => {
    expect(sessionEnd({ ...session, revokedAt: createdAt }, createdAt)).toBe('revoked')
  })
})

describe('roles and region levels', () => {
  it('places each role at its level', () => {
    expect(roleFitsLevel('VILLAGE_OFFICER', 'VILLAGE')).toBe(true)
    expect(roleFitsLevel('VILLAGE_OFFICER', 'TOWNSHIP')).toBe(false)
    expect(roleFitsLevel('TOWNSHIP_STAFF', 'TOWNSHIP')).toBe(true)
    expect(roleFitsLevel('COUNTY_OFFICIAL', 'TOWNSHIP')).toBe(false)
    expect(roleFitsLevel('ADMIN', 'COUNTY')).toBe(true)
    expect(roleFitsLevel('ADMIN', 'TOWNSHIP')).toBe(true)
    expect(roleFitsLevel('ADMIN', 'VILLAGE')).toBe(false)
    expect(roleFitsLevel('INSPECTOR', 'GROUP')).toBe(false)
  })
})
