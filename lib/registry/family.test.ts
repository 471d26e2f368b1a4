import { describe, expect, it } from 'vitest'
import { allowedEvents, birthOrderOf, birthOrderProblem, eventRefusal, countBirthOrders, inferParents, relationToNewHead, type EventSubject } from './rules'

describe('parent inference', () => {
  it('links the children of a head and spouse who are a man and a woman, whichever heads', () => {
    const links = inferParents([
      { key: 'a', relation: 'SELF', sex: 'MALE' },
      { key: 'b', relation: 'SPOUSE', sex: 'FEMALE' },
      { key: 'c', relation: 'CHILD', sex: 'MALE' },
      { key: 'd', relation: 'PARENT', sex: 'FEMALE' },
      { key: 'e', relation: 'CHILD', sex: 'FEMALE' },
    ])
    expect(links.get('c')).toEqual({ motherKey: 'b', fatherKey: 'a' })
    expect(links.get('e')).toEqual({ motherKey: 'b', fatherKey: 'a' })
    expect(links.has('d')).toBe(false)
    const womanHeads = inferParents([
      { key: 1, relation: 'CHILD', sex: 'FEMALE' },
      { key: 2, relation: 'SELF', sex: 'FEMALE' },
      { key: 3, relation: 'SPOUSE', sex: 'MALE' },
    ])
    expect(womanHeads.get(1)).toEqual({ motherKey: 2, fatherKey: 3 })
  })
  it('says nothing without exactly one head and one spouse of the other sex', () => {
    expect(
      inferParents([
        { key: 1, relation: 'SELF', sex: 'FEMALE' },
        { key: 2, relation: 'CHILD', sex: 'MALE' },
      ]).size,
    ).toBe(0)
    expect(
      inferParents([
        { key: 1, relation: 'SELF', sex: 'MALE' },
        { key: 2, relation: 'SPOUSE', sex: 'MALE' },
        { key: 3, relation: 'CHILD', sex: 'MALE' },
      ]).size,
    ).toBe(0)
    expect(
      inferParents([
        { key: 1, relation: 'SPOUSE', sex: 'FEMALE' },
        { key: 3, relation: 'CHILD', sex: 'MALE' },
      ]).size,
    ).toBe(0)
  })
})

describe('birth order', () => {
  it('is one more than the mother’s children already in the register born before', () => {
    expect(birthOrderOf([], '2026-01-01')).toBe(1)
    expect(birthOrderOf(['2012-05-01'], '2026-01-01')).toBe(2)
    expect(birthOrderOf(['2012-05-01', '2014-05-01'], '2026-01-01')).toBe(3)
    // a late-registered elder child
    expect(birthOrderOf(['2024-05-01'], '2020-01-01')).toBe(1)
  })
  it('counts each child among the mother’s children, twins by the order they were recorded', () => {
    const kid = (id: number, birthDate: string, birthOrder: number | null = null, birthOrderEntered = false) => ({
      id,
      birthDate,
      birthOrder,
      birthOrderEntered,
    })
    const orders = countBirthOrders([kid(12, '2020-03-03'), kid(10, '2012-05-01'), kid(11, '2020-03-03')])
    expect(orders.get(10)).toEqual({ counted: 1, order: 1 })
    expect(orders.get(11)).toEqual({ counted: 2, order: 2 })
    expect(orders.get(12)).toEqual({ counted: 3, order: 3 })
    // a clerk entered 3 for the first child registered here: the next counts on from it
    const entered = countBirthOrders([kid(1, '2015-01-01', 3, true), kid(2, '2020-01-01', 2)])
    expect(entered.get(1)).toEqual({ counted: 1, order: 3 })
    expect(entered.get(2)).toEqual({ counted: 4, order: 4 })
  })
  it('a counted order must match; a clerk-entered order may only be higher (elder children not in the register)', () => {
    expect(birthOrderProblem(1, 2, false)).toBe(true)
    expect(birthOrderProblem(2, 2, false)).toBe(false)
    expect(birthOrderProblem(3, 2, false)).toBe(true)
    expect(birthOrderProblem(3, 2, true)).toBe(false)
    expect(birthOrderProblem(1, 2, true)).toBe(true)
  })
})

describe('a new head', () => {
  it('re-expresses the family relative to the widow who takes over', () => {
    expect(relationToNewHead('SELF', 'SPOUSE')).toBe('SPOUSE')
    expect(relationToNewHead('CHILD', 'SPOUSE')).toBe('CHILD')
    expect(relationToNewHead('PARENT', 'SPOUSE')).toBe('PARENT')
  })
  it('and relative to a son who takes over', () => {
    expect(relationToNewHead('SELF', 'CHILD')).toBe('PARENT')
    expect(relationToNewHead('SPOUSE', 'CHILD')).toBe('PARENT')
    expect(relationToNewHead('CHILD', 'CHILD')).toBe('SIBLING')
    expect(relationToNewHead('GRANDCHILD', 'CHILD')).toBe('CHILD')
    expect(relationToNewHead('PARENT', 'CHILD')).toBe('GRANDPARENT')
    expect(relationToNewHead('OTHER', 'CHILD')).toBe('OTHER')
  })
})

describe('allowed events', () => {
  const woman: EventSubject = { sex: 'FEMALE', alive: true, movedOut: false, householdId: 1, maritalStatus: 'MARRIED', residence: 'LOCAL' }
  it('a married woman at home: birth, death, divorce, moves; not marriage or return', () => {
    expect(allowedEvents(woman)).toEqual(['BIRTH', 'DEATH', 'DIVORCE', 'MOVE_WITHIN', 'MOVE_OUT'])
    expect(eventRefusal(woman, 'MARRIAGE')).toBe('alreadyMarried')
    expect(eventRefusal(woman, 'RETURN')).toBe('notAway')
  })
  it('a man has no births; a single man may marry', () => {
    expect(allowedEvents({ ...woman, sex: 'MALE', maritalStatus: 'SINGLE' })).toEqual(['DEATH', 'MARRIAGE', 'MOVE_WITHIN', 'MOVE_OUT'])
    expect(eventRefusal({ ...woman, sex: 'MALE' }, 'BIRTH')).toBe('motherInvalid')
  })
  it('the deceased have none', () => {
    const dead = { ...woman, alive: false }
    expect(allowedEvents(dead)).toEqual([])
    expect(eventRefusal(dead, 'DEATH')).toBe('alreadyDeceased')
    expect(eventRefusal(dead, 'DIVORCE')).toBe('deceased')
    expect(eventRefusal(dead, 'MOVE_OUT')).toBe('notInRegister')
  })
  it('someone who moved out may return, die or divorce, but not marry or move again', () => {
    const gone = { ...woman, movedOut: true, householdId: null, maritalStatus: 'SINGLE' as const }
    expect(allowedEvents(gone)).toEqual(['DEATH', 'RETURN'])
    expect(eventRefusal(gone, 'MARRIAGE')).toBe('notInRegister')
    expect(allowedEvents({ ...gone, maritalStatus: 'MARRIED' })).toEqual(['DEATH', 'DIVORCE', 'RETURN'])
  })
  it('an outflow migrant may return; a woman without a household cannot have a birth recorded', () => {
    expect(allowedEvents({ ...woman, residence: 'OUTFLOW' })).toContain('RETURN')
    expect(eventRefusal({ ...woman, householdId: null }, 'BIRTH')).toBe('motherNoHousehold')
  })
})
