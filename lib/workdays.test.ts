import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './workdays'

describe('working days on the mainland calendar', () => {
  it('knows the National Day week of 2026 and its make-up Saturday', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false)
    expect(isWorkingDay('2026-10-07')).toBe(false)
    expect(isWorkingDay('2026-10-10')).toBe(true) // Saturday, worked in lieu
    expect(isWorkingDay('2026-10-11')).toBe(false) // Sunday
    expect(isWorkingDay('2026-10-12')).toBe(true)
  })

  it('counts 5 working days from 30 September across the holiday', () => {
    // 8 Oct (Thu), 9 Oct (Fri), 10 Oct (make-up Sat), 12 Oct (Mon), 13 Oct (Tue)
    expect(addWorkingDays('2026-09-30', 5)).toBe('2026-10-13')
    expect(workingDaysBetween('2026-09-30', '2026-10-13')).toBe(5)
    expect(workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0)
  })

  it('counts an ordinary week without holidays', () => {
    // Mon 16 Nov 2026 + 5 working days = Mon 23 Nov
    expect(addWorkingDays('2026-11-16', 5)).toBe('2026-11-23')
    expect(addWorkingDays('2026-11-16', 0)).toBe('2026-11-16')
  })

  it("lets a county's own calendar override a day", () => {
    const overrides = new Map([
      ['2026-11-17', false], // a local holiday
      ['2026-11-21', true], // a Saturday worked
    ])
    expect(isWorkingDay('2026-11-17', overrides)).toBe(false)
    expect(addWorkingDays('2026-11-16', 5, overrides)).toBe('2026-11-23')
    expect(addWorkingDays('2026-11-16', 4, overrides)).toBe('2026-11-21')
  })

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-11-16', -1)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-11-16', 1.5)).toThrow(RangeError)
  })
})

describe('outside the bundlers', () => {
  // scripts and the e2e server (the demo's case due dates) load this file in plain Node through
  // tsx, where chinese-days (CommonJS, minified) has no named exports
  it('loads and counts in plain Node', { timeout: 30_000 }, () => {
    const file = path.join(import.meta.dirname, 'workdays.ts')
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import(${JSON.stringify(file)}).then((m) => console.log(m.addWorkingDays('2026-09-30', 5)))`],
      {
        encoding: 'utf8',
      },
    )
    expect(out.trim()).toBe('2026-10-13')
  })
})
