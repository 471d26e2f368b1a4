import { describe, expect, it } from 'vitest'
import { ageOn } from '@/lib/dates'
import {
  annualisationFactor,
  bornOnOrBefore,
  crudeRate,
  DEFAULT_REPORT_SETTINGS as S,
  deadlineOf,
  isReturned,
  nextSignRole,
  round2,
  sexRatio,
  reportAbilities,
  signProblem,
  submissionRates,
  submissionTimeliness,
  timelinessPercent,
} from './rules'
import { halfYearPeriod, monthlyPeriod, annualPeriod } from '@/lib/periods/rules'

describe('returned reports', () => {
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
  const staff = { id: 1, role: 'TOWNSHIP_STAFF' as const, regionId: 7, regionLevel: 'TOWNSHIP' as const }
  const stats = { id: 2, role: 'TOWNSHIP_STAFF' as const, regionId: 7, regionLevel: 'TOWNSHIP' as const }
  const leader = { id: 3, role: 'TOWNSHIP_LEADER' as const, regionId: 7, regionLevel: 'TOWNSHIP' as const }

  it('in order: preparer, statistician, unit head', () => {
    expect(nextSignRole([])).toBe('PREPARER')
    expect(nextSignRole([{ role: 'PREPARER' }])).toBe('STATISTICIAN')
    expect(nextSignRole([{ role: 'PREPARER' }, { role: 'STATISTICIAN' }, { role: 'UNIT_HEAD' }])).toBeNull()
    expect(signProblem(township, [], 'STATISTICIAN', stats)).toBe('outOfOrder')
    expect(signProblem(township, [], 'PREPARER', staff)).toBeNull()
    expect(signProblem(township, [{ role: 'PREPARER', userId: 1 }], 'STATISTICIAN', stats)).toBeNull()
    expect(
      signProblem(
        township,
        [
          { role: 'PREPARER', userId: 1 },
          { role: 'STATISTICIAN', userId: 2 },
        ],
        'UNIT_HEAD',
        leader,
      ),
    ).toBeNull()
  })

  it('refuses the same user twice, the wrong role, another unit, and a report that is not a draft', () => {
    expect(signProblem(township, [{ role: 'PREPARER', userId: 1 }], 'STATISTICIAN', staff)).toBe('alreadySigned')
    expect(signProblem(township, [], 'PREPARER', leader)).toBe('wrongRole')
    expect(
      signProblem(
        township,
        [
          { role: 'PREPARER', userId: 1 },
          { role: 'STATISTICIAN', userId: 2 },
        ],
        'UNIT_HEAD',
        { id: 4, role: 'TOWNSHIP_STAFF', regionId: 7 },
      ),
    ).toBe('wrongRole')
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

describe('reportAbilities: what the page offers and the service accepts', () => {
  const draft = {
    status: 'DRAFT' as const,
    level: 'TOWNSHIP' as const,
    regionId: 7,
    signOffs: [] as { role: 'PREPARER' | 'STATISTICIAN' | 'UNIT_HEAD'; userId: number }[],
  }
  const staff = { id: 1, role: 'TOWNSHIP_STAFF' as const, regionId: 7, regionLevel: 'TOWNSHIP' as const }
  const stats = { id: 2, role: 'TOWNSHIP_STAFF' as const, regionId: 7, regionLevel: 'TOWNSHIP' as const }
  const leader = { id: 3, role: 'TOWNSHIP_LEADER' as const, regionId: 7, regionLevel: 'TOWNSHIP' as const }
  const official = { id: 5, role: 'COUNTY_OFFICIAL' as const, regionId: 1, regionLevel: 'COUNTY' as const }
  const admin = { id: 6, role: 'ADMIN' as const, regionId: 1, regionLevel: 'COUNTY' as const }
  const preparerSigned = { ...draft, signOffs: [{ role: 'PREPARER' as const, userId: 1 }] }
  const allSigned = {
    ...draft,
    signOffs: [
      { role: 'PREPARER' as const, userId: 1 },
      { role: 'STATISTICIAN' as const, userId: 2 },
      { role: 'UNIT_HEAD' as const, userId: 3 },
    ],
  }

  it('a fresh draft: the preparer recomputes, writes the analysis and signs as 填表人; the leader does nothing yet', () => {
    expect(reportAbilities(staff, draft)).toMatchObject({ recompute: true, analysis: true, sign: 'PREPARER', submit: false, decide: false })
    expect(reportAbilities(leader, draft)).toMatchObject({ recompute: false, analysis: false, sign: null, submit: false, decide: false })
    expect(reportAbilities(leader, draft).refusal.sign).toBe('wrongRole')
  })

  it('the preparer who signed is not offered the 统计负责人 signature; another staff member is', () => {
    const mine = reportAbilities(staff, preparerSigned)
    expect(mine.sign).toBeNull()
    expect(mine.refusal.sign).toBe('alreadySigned')
    expect(mine.analysis).toBe(false)
    expect(mine.refusal.analysis).toBe('signingStarted')
    expect(reportAbilities(stats, preparerSigned).sign).toBe('STATISTICIAN')
  })

  it('signing out of order is refused with the role that is due', () => {
    expect(reportAbilities(stats, draft, 'STATISTICIAN').refusal.sign).toBe('outOfOrder')
  })

  it('submitting needs all three signatures and the unit; once submitted nothing is editable', () => {
    expect(reportAbilities(staff, preparerSigned).refusal.submit).toBe('notSigned')
    expect(reportAbilities(staff, allSigned)).toMatchObject({ submit: true, sign: null })
    expect(reportAbilities(staff, allSigned).refusal.sign).toBe('allSigned')
    expect(reportAbilities({ ...staff, regionId: 8 }, allSigned).refusal.submit).toBe('notYourUnit')
    const submitted = reportAbilities(staff, { ...allSigned, status: 'SUBMITTED' })
    expect(submitted).toMatchObject({ recompute: false, analysis: false, sign: null, submit: false, decide: false })
    expect(submitted.refusal.recompute).toBe('notDraft')
  })

  it('the county official decides a submitted township report; the administrator may not, nor anyone on a draft or the county report', () => {
    const submitted = { ...allSigned, status: 'SUBMITTED' as const }
    expect(reportAbilities(official, submitted).decide).toBe(true)
    expect(reportAbilities(official, draft).refusal.decide).toBe('notSubmitted')
    expect(reportAbilities(official, { ...submitted, level: 'COUNTY', regionId: 1 }).refusal.decide).toBe('notSubmitted')
    expect(reportAbilities(admin, submitted).refusal.decide).toBe('notPermitted')
    expect(reportAbilities(admin, { ...draft, level: 'COUNTY', regionId: 1 })).toMatchObject({ recompute: false, sign: null, submit: false })
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
    expect(submissionRates(['ON_TIME', 'LATE', 'MISSING', 'NOT_DUE'])).toEqual({
      due: 3,
      submitted: 2,
      onTime: 1,
      reportingRate: (2 / 3) * 100,
      onTimeRate: (1 / 3) * 100,
    })
    expect(submissionRates(['NOT_DUE'])).toMatchObject({ due: 0, reportingRate: null, onTimeRate: null })
  })
})
