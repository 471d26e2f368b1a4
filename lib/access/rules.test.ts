import { describe, expect, it } from 'vitest'
import { passwordProblem, roleFitsLevel, sessionEnd, sessionExpiry, THROTTLE, waitAfterFailures } from './rules'

describe('password rules', () => {
  it('needs at least 10 characters', () => {
    expect(passwordProblem('short1!', 'clerk')).toBe('tooShort')
    expect(passwordProblem('123456789', 'clerk')).toBe('tooShort')
    expect(passwordProblem('Kp7-vx2!Qm', 'clerk')).toBeNull()
  })
  it('refuses all digits, common and guessable passwords, and ones built on the username', () => {
    expect(passwordProblem('1234567890', 'clerk')).toBe('allDigits')
    expect(passwordProblem('20261122180423', 'clerk')).toBe('allDigits')
    for (const weak of ['password123', 'qwertyuiop', 'Password1!', 'iloveyou12', 'aaaaaaaaaaaa', 'abcdefghij', '1q2w3e4r5t']) {
      expect(passwordProblem(weak, 'clerk'), weak).toBe('tooGuessable')
    }
    expect(passwordProblem('njz.staff2026', 'njz.staff')).toBe('sameAsUsername')
    for (const strong of ['Another-pass-77', 'Correct-horse-42', 'Ningjin@2026#Qx', 'tulip granite 7 harbor']) {
      expect(passwordProblem(strong, 'clerk'), strong).toBeNull()
    }
  })
  it('counts characters, not bytes: ten Chinese characters are enough', () => {
    expect(passwordProblem('宁津县人口服务平台好', 'clerk')).toBeNull()
    expect(passwordProblem('宁津', 'clerk')).toBe('tooShort')
  })
  it('refuses the username, in any case and with surrounding spaces', () => {
    expect(passwordProblem('njz.staff01', 'njz.staff01')).toBe('sameAsUsername')
    expect(passwordProblem(' NJZ.STAFF01 ', 'njz.staff01')).toBe('sameAsUsername')
  })
  it('refuses control characters and overlong passwords', () => {
    expect(passwordProblem('abcdefghij\u0000', 'x')).toBe('controlCharacters')
    expect(passwordProblem('a'.repeat(129), 'x')).toBe('tooLong')
    expect(passwordProblem(`${'Kp7-vx2!Qm'.repeat(12)}abcdefgh`, 'x')).toBeNull()
  })
})

describe('sign-in throttling', () => {
  it('lets a few mistakes pass, then doubles the wait up to a ceiling', () => {
    const rule = THROTTLE.pair
    expect([1, 2, 3].map((n) => waitAfterFailures(n, rule))).toEqual([0, 0, 0])
    expect([4, 5, 6, 7].map((n) => waitAfterFailures(n, rule))).toEqual([1, 2, 4, 8])
    expect(waitAfterFailures(40, rule)).toBe(15 * 60)
  })
  it('locks hard only after a sustained attack on one account', () => {
    expect(waitAfterFailures(THROTTLE.account.hardLockAt - 1, THROTTLE.account)).toBe(15 * 60)
    expect(waitAfterFailures(THROTTLE.account.hardLockAt, THROTTLE.account)).toBe(60 * 60)
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
