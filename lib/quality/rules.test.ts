import { describe, expect, it } from 'vitest'
import { makeIdNumber } from '@/lib/registry/idcard'
import {
  birthOrderProblems,
  deathBeforeBirthProblem,
  duplicateIdProblem,
  eventAfterDeathProblem,
  futureEventProblem,
  headNotMemberProblem,
  idMismatchProblem,
  likelyDuplicateOf,
  motherAgeProblem,
  noHeadProblem,
  RULE_ENTITY,
  RULE_IDS,
  RULES,
  selfNotHeadProblem,
  twoSelfProblem,
} from './rules'

describe('motherAge', () => {
  const mother = { birthDate: '2000-06-15' }
  it('warns when the mother was 13 at the birth', () => {
    expect(motherAgeProblem({ birthDate: '2014-06-14' }, mother)).toEqual({ motherAge: 13 })
  })
  it('passes at exactly 14 and at 55', () => {
    expect(motherAgeProblem({ birthDate: '2014-06-15' }, mother)).toBeNull()
    expect(motherAgeProblem({ birthDate: '2056-06-14' }, mother)).toBeNull()
  })
  it('warns once she has turned 56', () => {
    expect(motherAgeProblem({ birthDate: '2056-06-15' }, mother)).toEqual({ motherAge: 56 })
  })
  it('a mother born on 29 February turns 14 on 1 March in a common year', () => {
    expect(motherAgeProblem({ birthDate: '2014-02-28' }, { birthDate: '2000-02-29' })).toEqual({ motherAge: 13 })
    expect(motherAgeProblem({ birthDate: '2014-03-01' }, { birthDate: '2000-02-29' })).toBeNull()
  })
})

describe('futureEvent', () => {
  it('an active event after today is an error; today and corrected events are not', () => {
    expect(futureEventProblem({ occurredOn: '2026-01-02', status: 'ACTIVE' }, '2026-01-01')).toBe(true)
    expect(futureEventProblem({ occurredOn: '2026-01-01', status: 'ACTIVE' }, '2026-01-01')).toBe(false)
    expect(futureEventProblem({ occurredOn: '2026-01-02', status: 'CORRECTED' }, '2026-01-01')).toBe(false)
  })
})

describe('deathBeforeBirth', () => {
  it('a death one day before birth is an error; on the birth day or with no death it passes', () => {
    expect(deathBeforeBirthProblem({ birthDate: '1990-05-02', deathDate: '1990-05-01' })).toBe(true)
    expect(deathBeforeBirthProblem({ birthDate: '1990-05-02', deathDate: '1990-05-02' })).toBe(false)
    expect(deathBeforeBirthProblem({ birthDate: '1990-05-02', deathDate: null })).toBe(false)
  })
})

describe('household links', () => {
  it('headNotMember: a head living in another household or none', () => {
    expect(headNotMemberProblem({ id: 1, headId: 10 }, { householdId: 2 })).toBe(true)
    expect(headNotMemberProblem({ id: 1, headId: 10 }, { householdId: null })).toBe(true)
    expect(headNotMemberProblem({ id: 1, headId: 10 }, { householdId: 1 })).toBe(false)
    expect(headNotMemberProblem({ id: 1, headId: null }, null)).toBe(false)
  })
  it('selfNotHead: a member marked SELF whom the household does not name', () => {
    expect(selfNotHeadProblem({ id: 10, relation: 'SELF', householdId: 1 }, { headId: 11 })).toBe(true)
    expect(selfNotHeadProblem({ id: 10, relation: 'SELF', householdId: 1 }, { headId: null })).toBe(true)
    expect(selfNotHeadProblem({ id: 10, relation: 'SELF', householdId: 1 }, { headId: 10 })).toBe(false)
    expect(selfNotHeadProblem({ id: 10, relation: 'SPOUSE', householdId: 1 }, { headId: 11 })).toBe(false)
    expect(selfNotHeadProblem({ id: 10, relation: 'SELF', householdId: null }, null)).toBe(false)
  })
  it('noHead: members but no head; an empty household is not reported', () => {
    expect(noHeadProblem({ headId: null, memberCount: 1 })).toBe(true)
    expect(noHeadProblem({ headId: null, memberCount: 0 })).toBe(false)
    expect(noHeadProblem({ headId: 5, memberCount: 3 })).toBe(false)
  })
  it('twoSelf: two members marked SELF, not one', () => {
    expect(twoSelfProblem({ selfCount: 2 })).toBe(true)
    expect(twoSelfProblem({ selfCount: 1 })).toBe(false)
  })
})

describe('eventAfterDeath', () => {
  const events = [
    { id: 1, type: 'DEATH', occurredOn: '2020-01-01', status: 'ACTIVE' as const },
    { id: 2, type: 'MARRIAGE', occurredOn: '2019-12-31', status: 'ACTIVE' as const },
  ]
  it('passes when every other event is on or before the death', () => {
    expect(
      eventAfterDeathProblem({ alive: false, deathDate: '2020-01-01' }, [...events, { id: 3, type: 'MOVE_OUT', occurredOn: '2020-01-01', status: 'ACTIVE' }]),
    ).toBeNull()
  })
  it('names the latest active event after the death', () => {
    const later = [
      ...events,
      { id: 3, type: 'MOVE_OUT', occurredOn: '2020-01-02', status: 'ACTIVE' as const },
      { id: 4, type: 'DIVORCE', occurredOn: '2021-01-01', status: 'ACTIVE' as const },
    ]
    expect(eventAfterDeathProblem({ alive: false, deathDate: '2020-01-01' }, later)).toEqual({ eventId: 4, type: 'DIVORCE', occurredOn: '2021-01-01' })
  })
  it('ignores corrected events and living people', () => {
    const corrected = [...events, { id: 3, type: 'MOVE_OUT', occurredOn: '2020-01-02', status: 'CORRECTED' as const }]
    expect(eventAfterDeathProblem({ alive: false, deathDate: '2020-01-01' }, corrected)).toBeNull()
    expect(eventAfterDeathProblem({ alive: true, deathDate: null }, [{ id: 3, type: 'MOVE_OUT', occurredOn: '2020-01-02', status: 'ACTIVE' }])).toBeNull()
  })
})

describe('duplicates', () => {
  it('duplicateId: other people with the same hash, never the person itself or people without a number', () => {
    const others = [
      { id: 1, idHash: 'a' },
      { id: 2, idHash: 'a' },
      { id: 3, idHash: 'b' },
      { id: 4, idHash: null },
    ]
    expect(duplicateIdProblem({ id: 1, idHash: 'a' }, others)).toEqual([2])
    expect(duplicateIdProblem({ id: 3, idHash: 'b' }, others)).toEqual([])
    expect(duplicateIdProblem({ id: 4, idHash: null }, others)).toEqual([])
  })
  it('likelyDuplicate: same village, name, birth date and mother, at most one with an ID number', () => {
    const a = { id: 1, villageId: 7, name: '王芳', birthDate: '2001-02-03', motherId: 9, idHash: null }
    expect(likelyDuplicateOf(a, { ...a, id: 2 })).toBe(true)
    expect(likelyDuplicateOf(a, { ...a, id: 2, idHash: 'x' })).toBe(true)
    expect(likelyDuplicateOf({ ...a, motherId: null }, { ...a, id: 2, motherId: null })).toBe(true)
    expect(likelyDuplicateOf(a, a)).toBe(false)
    expect(likelyDuplicateOf(a, { ...a, id: 2, villageId: 8 })).toBe(false)
    expect(likelyDuplicateOf(a, { ...a, id: 2, name: '王芬' })).toBe(false)
    expect(likelyDuplicateOf(a, { ...a, id: 2, birthDate: '2001-02-04' })).toBe(false)
    expect(likelyDuplicateOf(a, { ...a, id: 2, motherId: 10 })).toBe(false)
    expect(likelyDuplicateOf({ ...a, idHash: 'x' }, { ...a, id: 2, idHash: 'y' })).toBe(false)
  })
})

describe('idMismatch', () => {
  const id = makeIdNumber('371422', '1988-07-15', 12, 'FEMALE')
  it('passes when birth date and sex agree', () => {
    expect(idMismatchProblem(id, { birthDate: '1988-07-15', sex: 'FEMALE' })).toBeNull()
  })
  it('names the birth date, then the sex', () => {
    expect(idMismatchProblem(id, { birthDate: '1988-07-16', sex: 'FEMALE' })).toBe('birthDateMismatch')
    expect(idMismatchProblem(id, { birthDate: '1988-07-15', sex: 'MALE' })).toBe('sexMismatch')
  })
  it('an invalid stored number (wrong check character) is reported', () => {
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
    expect(idMismatchProblem(wrong, { birthDate: '1988-07-15', sex: 'FEMALE' })).toBe('invalid')
  })
})

describe('catalogue', () => {
  it('every rule has a severity and an entity; the warnings are the plausibility checks', () => {
    for (const rule of RULE_IDS) expect(RULE_ENTITY[rule]).toBeTruthy()
    expect(RULE_IDS.filter((r) => RULES[r] === 'WARNING').sort()).toEqual(['birthOrder', 'likelyDuplicate', 'motherAge'])
  })
})

describe('birthOrder', () => {
  const kid = (id: number, birthDate: string, birthOrder: number | null, birthOrderEntered = false) => ({ id, birthDate, birthOrder, birthOrderEntered })
  it('flags a child whose order disagrees with the mother’s children, not one without an order', () => {
    expect(birthOrderProblems([kid(1, '2012-01-01', 1), kid(2, '2016-01-01', 2)])).toEqual([])
    // the bug of issue 8: a second child recorded as the first
    expect(birthOrderProblems([kid(1, '2012-01-01', null), kid(2, '2016-01-01', 1)])).toEqual([{ id: 2, birthOrder: 1, counted: 2 }])
  })
  it('accepts a clerk-entered order above the count and counts on from it', () => {
    expect(birthOrderProblems([kid(1, '2012-01-01', 3, true), kid(2, '2016-01-01', 4)])).toEqual([])
    expect(birthOrderProblems([kid(1, '2012-01-01', 1), kid(2, '2016-01-01', 1, true)])).toEqual([{ id: 2, birthOrder: 1, counted: 2 }])
  })
})
