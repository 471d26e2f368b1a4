import { describe, expect, it } from 'vitest'
import { ageOn } from '@/lib/registry/rules'
import {
  annualisationFactor,
  annualPeriod,
  bornOnOrBefore,
  crudeRate,
  DEFAULT_REPORT_SETTINGS as S,
  deadlineOf,
  halfYearPeriod,
  hasEnded,
  isReturned,
  latestEndedPeriod,
  monthlyPeriod,
  nextSignRole,
  periodOf,
  periodsOfStatYear,
  round2,
  sexRatio,
  signProblem,
  statYearOf,
  statYearRange,
  storedPeriod,
  submissionRates,
  submissionTimeliness,
  timelinessPercent,
} from './rules'

const JANUARY = { ...S, statYearStartMonth: 1 }

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
    expect(periods.map((p) => p.key)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026H1', '2026'])
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
    expect(storedPeriod({ kind: 'MONTHLY', periodKey: '2025-11', start: '2025-11-01', end: '2025-11-30' }, S)).toEqual({ kind: 'MONTHLY', key: '2025-11', statYear: 2026, start: '2025-11-01', end: '2025-11-30' })
    expect(storedPeriod({ kind: 'MONTHLY', periodKey: '2026-03', start: '2026-03-01', end: '2026-03-31' }, S).statYear).toBe(2026)
    // a half-year prepared under the old settings keeps its dates after the start month changes
    expect(storedPeriod({ kind: 'HALF_YEAR', periodKey: '2026H1', start: '2025-10-01', end: '2026-03-31' }, JANUARY)).toMatchObject({ statYear: 2026, start: '2025-10-01', end: '2026-03-31' })
  })

  it('a draft that was once submitted was returned', () => {
    expect(isReturned({ status: 'DRAFT', firstSubmittedAt: null })).toBe(false)
    expect(isReturned({ status: 'DRAFT', firstSubmittedAt: new Date() })).toBe(true)
    expect(isReturned({ status: 'SUBMITTED', firstSubmittedAt: new Date() })).toBe(false)
  })
})

describe('deadlines', () => {
  it('defaults: monthly by the 6th of the next month, half-year by 13 April, annual by 13 October', () => {
    expect(deadlineOf(monthlyPeriod(2026, 10, S), S)).toBe('2026-11-06')
    expect(deadlineOf(monthlyPeriod(2026, 12, S), S)).toBe('2027-01-06')
    expect(deadlineOf(halfYearPeriod(2026, S), S)).toBe('2026-04-13')
    expect(deadlineOf(annualPeriod(2026, S), S)).toBe('2026-10-13')
  })

  it('follows configured days', () => {
    const custom = { ...S, monthlyDeadlineDay: 10, halfYearDeadlineDay: 20, annualDeadlineDay: 25 }
    expect(deadlineOf(monthlyPeriod(2026, 1, custom), custom)).toBe('2026-02-10')
    expect(deadlineOf(halfYearPeriod(2026, custom), custom)).toBe('2026-04-20')
    expect(deadlineOf(annualPeriod(2026, { ...custom, statYearStartMonth: 1 }), custom)).toBe('2027-01-25')
  })
})

describe('annualisation and rates', () => {
  it('annualises by days of the statistical year over days of the period', () => {
    expect(annualisationFactor(annualPeriod(2026, S), S)).toBe(1)
    expect(annualisationFactor(monthlyPeriod(2026, 1, S), S)).toBeCloseTo(365 / 31, 10)
    expect(annualisationFactor(monthlyPeriod(2026, 2, S), S)).toBeCloseTo(365 / 28, 10)
    // statistical year 2024 (Oct 2023 – Sep 2024) has 29 February: 366 days
    expect(annualisationFactor(monthlyPeriod(2024, 2, S), S)).toBeCloseTo(366 / 29, 10)
    expect(annualisationFactor(halfYearPeriod(2026, S), S)).toBeCloseTo(365 / 182, 10)
  })

  it('crude rates per thousand of the average population', () => {
    expect(crudeRate(10, 1000, 1000, 1)).toBe(10)
    expect(crudeRate(12, 990, 1010, 1)).toBe(12)
    expect(crudeRate(1, 1000, 1000, 365 / 31)).toBeCloseTo(11.774, 3)
    expect(crudeRate(3, 0, 0, 1)).toBeNull()
  })

  it('sex ratio at birth: boys per hundred girls', () => {
    expect(sexRatio(110, 100)).toBe(110)
    expect(sexRatio(3, 2)).toBe(150)
    expect(sexRatio(3, 0)).toBeNull()
  })

  it('timeliness: share entered within 30 days', () => {
    expect(timelinessPercent(40, 2)).toBe(95)
    expect(timelinessPercent(0, 0)).toBeNull()
    expect(round2(100 / 3)).toBe(33.33)
    expect(round2(null)).toBeNull()
  })

  it('age cut-offs agree with ageOn, 29 February included', () => {
    for (const onDate of ['2026-10-31', '2024-02-29', '2023-02-28', '2025-03-01', '2026-12-31']) {
      for (const years of [3, 7, 15, 50, 60, 80]) {
        const cutoff = bornOnOrBefore(onDate, years)
        expect(ageOn(cutoff, onDate), `${onDate} ${years}`).toBeGreaterThanOrEqual(years)
        const dayAfter = new Date(Date.parse(`${cutoff}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
        expect(ageOn(dayAfter, onDate), `${onDate} ${years}`).toBe(years - 1)
      }
    }
  })
})

describe('sign-offs', () => {
  const township = { status: 'DRAFT' as const, level: 'TOWNSHIP' as const, regionId: 7 }
  const staff = { id: 1, role: 'TOWNSHIP_STAFF' as const, regionId: 7 }
  const stats = { id: 2, role: 'TOWNSHIP_STAFF' as const, regionId: 7 }
  const leader = { id: 3, role: 'TOWNSHIP_LEADER' as const, regionId: 7 }

  it('in order: preparer, statistician, unit head', () => {
    expect(nextSignRole([])).toBe('PREPARER')
    expect(nextSignRole([{ role: 'PREPARER' }])).toBe('STATISTICIAN')
    expect(nextSignRole([{ role: 'PREPARER' }, { role: 'STATISTICIAN' }, { role: 'UNIT_HEAD' }])).toBeNull()
    expect(signProblem(township, [], 'STATISTICIAN', stats)).toBe('outOfOrder')
    expect(signProblem(township, [], 'PREPARER', staff)).toBeNull()
    expect(signProblem(township, [{ role: 'PREPARER', userId: 1 }], 'STATISTICIAN', stats)).toBeNull()
    expect(signProblem(township, [{ role: 'PREPARER', userId: 1 }, { role: 'STATISTICIAN', userId: 2 }], 'UNIT_HEAD', leader)).toBeNull()
  })

  it('refuses the same user twice, the wrong role, another unit, and a report that is not a draft', () => {
    expect(signProblem(township, [{ role: 'PREPARER', userId: 1 }], 'STATISTICIAN', staff)).toBe('alreadySigned')
    expect(signProblem(township, [], 'PREPARER', leader)).toBe('wrongRole')
    expect(signProblem(township, [{ role: 'PREPARER', userId: 1 }, { role: 'STATISTICIAN', userId: 2 }], 'UNIT_HEAD', { id: 4, role: 'TOWNSHIP_STAFF', regionId: 7 })).toBe('wrongRole')
    expect(signProblem(township, [], 'PREPARER', { ...staff, regionId: 8 })).toBe('wrongUnit')
    expect(signProblem({ ...township, status: 'SUBMITTED' }, [], 'PREPARER', staff)).toBe('notDraft')
    const all = [
      { role: 'PREPARER' as const, userId: 1 },
      { role: 'STATISTICIAN' as const, userId: 2 },
      { role: 'UNIT_HEAD' as const, userId: 3 },
    ]
    expect(signProblem(township, all, 'UNIT_HEAD', { id: 9, role: 'TOWNSHIP_LEADER', regionId: 7 })).toBe('allSigned')
  })

  it('the county signs with three officials', () => {
    const county = { status: 'DRAFT' as const, level: 'COUNTY' as const, regionId: 1 }
    expect(signProblem(county, [], 'PREPARER', { id: 5, role: 'COUNTY_OFFICIAL', regionId: 1 })).toBeNull()
    expect(signProblem(county, [], 'PREPARER', { id: 6, role: 'ADMIN', regionId: 1 })).toBe('wrongRole')
  })
})

describe('submission timeliness', () => {
  it('on time, late, missing, not yet due', () => {
    expect(submissionTimeliness('2026-11-06', '2026-11-06', '2026-11-22')).toBe('ON_TIME')
    expect(submissionTimeliness('2026-11-06', '2026-11-07', '2026-11-22')).toBe('LATE')
    expect(submissionTimeliness('2026-11-06', null, '2026-11-07')).toBe('MISSING')
    expect(submissionTimeliness('2026-11-06', null, '2026-11-06')).toBe('NOT_DUE')
  })

  it('rates count only what was due', () => {
    expect(submissionRates(['ON_TIME', 'LATE', 'MISSING', 'NOT_DUE'])).toEqual({ due: 3, submitted: 2, onTime: 1, reportingRate: (2 / 3) * 100, onTimeRate: (1 / 3) * 100 })
    expect(submissionRates(['NOT_DUE'])).toMatchObject({ due: 0, reportingRate: null, onTimeRate: null })
  })
})
