import { describe, expect, it } from 'vitest'
import { ageOn, todayIso } from './dates'

describe('dates', () => {
  it('takes today in China, not in UTC', () => {
    expect(todayIso(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23')
    expect(todayIso(new Date('2026-11-22T15:59:00Z'))).toBe('2026-11-22')
  })
  it('counts age in whole years', () => {
    expect(ageOn('2000-03-15', '2026-03-14')).toBe(25)
    expect(ageOn('2000-03-15', '2026-03-15')).toBe(26)
    expect(ageOn('2004-02-29', '2026-02-28')).toBe(21)
  })
})
