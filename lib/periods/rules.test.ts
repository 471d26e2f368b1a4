import { describe, expect, it } from 'vitest'
import {
  annualPeriod,
  halfYearPeriod,
  hasEnded,
  latestEndedPeriod,
  monthlyPeriod,
  periodOf,
  periodsOfStatYear,
  statYearOf,
  statYearRange,
  storedPeriod,
} from './rules'

// The county's default: the statistical year starts in October.
const S = { statYearStartMonth: 10 }
const JANUARY = { statYearStartMonth: 1 }

describe('statistical year', () => {
  it('runs 1 October – 30 September by default and is named by the year it ends in', () => {
    expect(statYearRange(2026, S)).toEqual({ start: '2025-10-01', end: '2026-09-30' })
    expect(statYearOf('2025-09-30', S)).toBe(2025)
    expect(statYearOf('2025-10-01', S)).toBe(2026)
    expect(statYearOf('2026-09-30', S)).toBe(2026)
  })

  it('follows a configured start month', () => {
    expect(statYearRange(2026, JANUARY)).toEqual({ start: '2026-01-01', end: '2026-12-31' })
    expect(statYearOf('2026-12-31', JANUARY)).toBe(2026)
    const july = { ...S, statYearStartMonth: 7 }
    expect(statYearRange(2027, july)).toEqual({ start: '2026-07-01', end: '2027-06-30' })
    expect(statYearOf('2026-07-01', july)).toBe(2027)
    expect(statYearOf('2026-06-30', july)).toBe(2026)
  })
})

describe('periods', () => {
  it('half-year covers 1 October – 31 March, the year 1 October – 30 September', () => {
    expect(halfYearPeriod(2026, S)).toMatchObject({ key: '2026H1', start: '2025-10-01', end: '2026-03-31' })
    expect(annualPeriod(2026, S)).toMatchObject({ key: '2026', start: '2025-10-01', end: '2026-09-30' })
    expect(halfYearPeriod(2026, JANUARY)).toMatchObject({ start: '2026-01-01', end: '2026-06-30' })
  })

  it('months end on their last day, February in leap years too', () => {
    expect(monthlyPeriod(2024, 2, S)).toMatchObject({ key: '2024-02', start: '2024-02-01', end: '2024-02-29', statYear: 2024 })
    expect(monthlyPeriod(2026, 2, S).end).toBe('2026-02-28')
    expect(monthlyPeriod(2025, 12, S)).toMatchObject({ end: '2025-12-31', statYear: 2026 })
  })

  it('parses keys and refuses malformed ones', () => {
    expect(periodOf('MONTHLY', '2026-03', S)).toMatchObject({ start: '2026-03-01', end: '2026-03-31' })
    expect(periodOf('HALF_YEAR', '2026H1', S)).toMatchObject({ start: '2025-10-01' })
    expect(periodOf('ANNUAL', '2026', S)).toMatchObject({ end: '2026-09-30' })
    for (const [kind, key] of [
      ['MONTHLY', '2026-13'],
      ['MONTHLY', '2026-3'],
      ['MONTHLY', '2026'],
      ['HALF_YEAR', '2026H2'],
      ['ANNUAL', '1999'],
      ['ANNUAL', '2026-01'],
    ] as const) {
      expect(periodOf(kind, key, S), `${kind} ${key}`).toBeNull()
    }
  })

  it('lists a statistical year as twelve months, the half-year and the year', () => {
    const periods = periodsOfStatYear(2026, S)
    expect(periods.map((p) => p.key)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026H1',
      '2026',
    ])
  })

  it('a period can be reported from the day after it ends', () => {
    const october = monthlyPeriod(2026, 10, S)
    expect(hasEnded(october, '2026-10-31')).toBe(false)
    expect(hasEnded(october, '2026-11-01')).toBe(true)
    expect(latestEndedPeriod('MONTHLY', '2026-11-22', S).key).toBe('2026-10')
    expect(latestEndedPeriod('MONTHLY', '2026-01-05', S).key).toBe('2025-12')
    expect(latestEndedPeriod('HALF_YEAR', '2026-03-31', S).key).toBe('2025H1')
    expect(latestEndedPeriod('HALF_YEAR', '2026-04-01', S).key).toBe('2026H1')
    expect(latestEndedPeriod('ANNUAL', '2026-11-22', S).key).toBe('2026')
    expect(latestEndedPeriod('ANNUAL', '2026-09-30', S).key).toBe('2025')
  })
})

describe('a stored period', () => {
  it('keeps its dates, and a month of October–December belongs to the next statistical year', () => {
    expect(storedPeriod({ kind: 'MONTHLY', periodKey: '2025-11', start: '2025-11-01', end: '2025-11-30' }, S)).toEqual({
      kind: 'MONTHLY',
      key: '2025-11',
      statYear: 2026,
      start: '2025-11-01',
      end: '2025-11-30',
    })
    expect(storedPeriod({ kind: 'MONTHLY', periodKey: '2026-03', start: '2026-03-01', end: '2026-03-31' }, S).statYear).toBe(2026)
    // a half-year prepared under the old settings keeps its dates after the start month changes
    expect(storedPeriod({ kind: 'HALF_YEAR', periodKey: '2026H1', start: '2025-10-01', end: '2026-03-31' }, JANUARY)).toMatchObject({
      statYear: 2026,
      start: '2025-10-01',
      end: '2026-03-31',
    })
  })
})
