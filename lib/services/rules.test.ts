import { describe, expect, it } from 'vitest'
import {
  addCoverage,
  addMonths,
  childCheckStatus,
  consentProblems,
  coverage,
  inChildGroup,
  mayRecordType,
  premaritalCounts,
  recordCounts,
  serviceDateProblem,
  suppressCells,
  suppressSmall,
} from './rules'

const AGES = [1, 3, 6, 8, 12, 18, 24, 30, 36, 48, 60, 72]

describe('the due schedule of child checks', () => {
  it('adds months, keeping month ends', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28')
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15')
    expect(addMonths('2024-03-10', -12)).toBe('2023-03-10')
  })
  it('lists the checks due at a date and the next one', () => {
    const s = childCheckStatus('2025-01-10', '2025-07-09', AGES, [])
    expect(s.due.map((d) => d.ageMonths)).toEqual([1, 3])
    expect(s.next).toEqual({ ageMonths: 6, dueOn: '2025-07-10' })
    expect(s.upToDate).toBe(false)
    expect(childCheckStatus('2025-01-10', '2025-07-10', AGES, []).due.map((d) => d.ageMonths)).toEqual([1, 3, 6])
  })
  it('matches each check to the due check whose window it falls in', () => {
    const s = childCheckStatus('2025-01-10', '2025-07-20', AGES, ['2025-02-12', '2025-06-20'])
    expect(s.due).toEqual([
      { ageMonths: 1, dueOn: '2025-02-10', doneOn: '2025-02-12' },
      { ageMonths: 3, dueOn: '2025-04-10', doneOn: null },
      // 20 days early is inside the 30-day tolerance of the 6-month check
      { ageMonths: 6, dueOn: '2025-07-10', doneOn: '2025-06-20' },
    ])
    expect(s.upToDate).toBe(true)
  })
  it('does not count checks after the date or before birth', () => {
    expect(childCheckStatus('2025-01-10', '2025-02-15', AGES, ['2025-02-20']).upToDate).toBe(false)
    expect(childCheckStatus('2025-01-10', '2025-02-15', AGES, ['2024-12-20']).upToDate).toBe(false)
  })
  it('a newborn under one month has nothing due and is not in the group; a seven-year-old is out', () => {
    expect(childCheckStatus('2025-01-10', '2025-02-01', AGES, []).due).toEqual([])
    expect(inChildGroup('2025-01-10', '2025-02-01', AGES)).toBe(false)
    expect(inChildGroup('2025-01-10', '2025-02-10', AGES)).toBe(true)
    expect(inChildGroup('2018-01-10', '2025-01-09', AGES)).toBe(true)
    expect(inChildGroup('2018-01-10', '2025-01-10', AGES)).toBe(false)
  })
})

describe('coverage arithmetic', () => {
  it('is a percentage with one decimal, and no figure without anyone eligible', () => {
    expect(coverage(2, 3)).toBe(66.7)
    expect(coverage(0, 5)).toBe(0)
    expect(coverage(0, 0)).toBeNull()
    expect(coverage(7, 5)).toBe(100)
  })
  it('adds counts, not rates', () => {
    const sum = addCoverage([
      { eligible: 1, done: 1 },
      { eligible: 99, done: 0 },
    ])
    expect(sum).toEqual({ eligible: 100, done: 1 })
    expect(coverage(sum.done, sum.eligible)).toBe(1)
  })
  it('counts a pre-marital check in the year before the marriage', () => {
    expect(premaritalCounts('2025-03-01', '2025-05-01')).toBe(true)
    expect(premaritalCounts('2025-05-01', '2025-05-01')).toBe(true)
    expect(premaritalCounts('2025-05-02', '2025-05-01')).toBe(false)
    expect(premaritalCounts('2024-04-30', '2025-05-01')).toBe(false)
  })
})

describe('service dates', () => {
  const today = '2025-06-01'
  it('refuses a service before birth, after death or in the future, and a follow-up before the service', () => {
    expect(serviceDateProblem({ servedOn: '2020-01-01', birthDate: '2020-01-02', today })).toEqual({ field: 'servedOn', key: 'services.errors.beforeBirth' })
    expect(serviceDateProblem({ servedOn: '2024-01-02', deathDate: '2024-01-01', today })).toEqual({ field: 'servedOn', key: 'services.errors.afterDeath' })
    expect(serviceDateProblem({ servedOn: '2025-06-02', today })).toEqual({ field: 'servedOn', key: 'services.errors.future' })
    expect(serviceDateProblem({ servedOn: '2025-05-02', followUpOn: '2025-05-01', today })?.field).toBe('followUpOn')
    expect(serviceDateProblem({ servedOn: '2020-01-02', birthDate: '2020-01-02', deathDate: '2020-01-02', followUpOn: '2020-01-02', today })).toBeNull()
  })
})

describe('consent', () => {
  const full = { consentBy: 'PERSON' as const, consentOn: '2025-05-01', consentMethod: 'SIGNED_FORM' as const }
  it('a sensitive service needs who, when and how', () => {
    expect(consentProblems(true, {}, '2025-05-01', '2025-06-01')).toEqual({
      consentBy: 'services.errors.consentRequired',
      consentOn: 'services.errors.consentRequired',
      consentMethod: 'services.errors.consentRequired',
    })
    expect(consentProblems(true, full, '2025-05-01', '2025-06-01')).toEqual({})
  })
  it('a guardian is named, and consent comes before the service', () => {
    expect(consentProblems(true, { ...full, consentBy: 'GUARDIAN' }, '2025-05-01', '2025-06-01')).toEqual({ consentName: 'services.errors.guardianName' })
    expect(consentProblems(true, { ...full, consentBy: 'GUARDIAN', consentName: '李母' }, '2025-05-01', '2025-06-01')).toEqual({})
    expect(consentProblems(true, full, '2025-04-30', '2025-06-01')).toEqual({ consentOn: 'services.errors.consentAfterService' })
  })
  it('other services need none', () => {
    expect(consentProblems(false, {}, '2025-05-01', '2025-06-01')).toEqual({})
  })
  it('a withdrawn, voided or corrected record is not counted', () => {
    expect(recordCounts({ status: 'ACTIVE', voided: false, withdrawnOn: null })).toBe(true)
    expect(recordCounts({ status: 'ACTIVE', voided: false, withdrawnOn: '2025-01-01' })).toBe(false)
    expect(recordCounts({ status: 'ACTIVE', voided: true, withdrawnOn: null })).toBe(false)
    expect(recordCounts({ status: 'CORRECTED', voided: false, withdrawnOn: null })).toBe(false)
  })
})

describe('who records which types', () => {
  const t = (over: object) => ({ deliveredBy: 'VILLAGE_OFFICER' as const, target: 'PERSON' as const, sensitive: false, active: true, ...over })
  it('village officers record their visits and group activities, never sensitive services', () => {
    expect(mayRecordType('VILLAGE_OFFICER', t({}))).toBe(true)
    expect(mayRecordType('VILLAGE_OFFICER', t({ deliveredBy: 'TOWNSHIP_SERVICE_STAFF', target: 'GROUP' }))).toBe(true)
    expect(mayRecordType('VILLAGE_OFFICER', t({ deliveredBy: 'TOWNSHIP_SERVICE_STAFF' }))).toBe(false)
    expect(mayRecordType('VILLAGE_OFFICER', t({ sensitive: true }))).toBe(false)
  })
  it('service staff record every active type; nobody else records', () => {
    expect(mayRecordType('TOWNSHIP_SERVICE_STAFF', t({ sensitive: true, deliveredBy: 'COUNTY' }))).toBe(true)
    expect(mayRecordType('TOWNSHIP_SERVICE_STAFF', t({ active: false }))).toBe(false)
    for (const role of ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER', 'COUNTY_OFFICIAL', 'ADMIN', 'INSPECTOR'] as const) expect(mayRecordType(role, t({}))).toBe(false)
  })
})

describe('the small-cell rule', () => {
  it('suppresses 1 to 4, shows 0 and 5 up', () => {
    expect([0, 1, 4, 5, 12].map(suppressSmall)).toEqual([0, null, null, 5, 12])
  })
  it('suppresses a second cell when one alone would be suppressed, so the total does not give it away', () => {
    const out = suppressCells(
      new Map([
        ['a', 3],
        ['b', 9],
        ['c', 6],
        ['d', 0],
      ]),
    )
    expect(Object.fromEntries(out)).toEqual({ a: null, b: 9, c: null, d: 0 })
  })
  it('leaves two small cells as they are, and never shows a cell under 5', () => {
    const out = suppressCells(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 30],
      ]),
    )
    expect(Object.fromEntries(out)).toEqual({ a: null, b: null, c: 30 })
    for (const v of out.values()) expect(v === null || v === 0 || v >= 5).toBe(true)
  })
})
