import { describe, expect, it } from 'vitest'
import { birthOrderOf, eventDateProblem, isLate, newbornRelation, placementOf } from './rules'

describe('late registration', () => {
  it('is late after more than 30 days', () => {
    expect(isLate('2026-10-01', '2026-10-31')).toBe(false)
    expect(isLate('2026-10-01', '2026-11-01')).toBe(true)
    expect(isLate('2026-02-28', '2026-03-30')).toBe(false)
    expect(isLate('2024-02-28', '2024-03-31')).toBe(true)
  })
})

describe('event dates', () => {
  it('refuses events in the future, before birth or before 1900', () => {
    expect(eventDateProblem('2026-11-23', '2026-11-22')).toBe('future')
    expect(eventDateProblem('1999-12-31', '2026-11-22', '2000-01-01')).toBe('beforeBirth')
    expect(eventDateProblem('1899-12-31', '2026-11-22')).toBe('tooOld')
    expect(eventDateProblem('2026-11-22', '2026-11-22', '2000-01-01')).toBeNull()
  })
})

describe('births', () => {
  it('orders a child after the siblings born before it', () => {
    expect(birthOrderOf([], '2026-01-01')).toBe(1)
    expect(birthOrderOf(['2020-05-01'], '2026-01-01')).toBe(2)
    expect(birthOrderOf(['2020-05-01', '2023-01-01'], '2022-01-01')).toBe(2)
    expect(birthOrderOf(['2026-01-01'], '2026-01-01')).toBe(2)
  })
  it('places the newborn relative to the head through the mother', () => {
    expect(newbornRelation('SELF')).toBe('CHILD')
    expect(newbornRelation('SPOUSE')).toBe('CHILD')
    expect(newbornRelation('CHILD')).toBe('GRANDCHILD')
    expect(newbornRelation('OTHER')).toBe('OTHER')
  })
})

describe('placement', () => {
  it('reads county, township and village from a village or group', () => {
    expect(placementOf({ id: 11, level: 'VILLAGE', ancestorIds: [1, 10] })).toEqual({ countyId: 1, townshipId: 10, villageId: 11, groupId: null, regionId: 11 })
    expect(placementOf({ id: 111, level: 'GROUP', ancestorIds: [1, 10, 11] })).toEqual({
      countyId: 1,
      townshipId: 10,
      villageId: 11,
      groupId: 111,
      regionId: 111,
    })
  })
  it('does not place a person in a township or the county', () => {
    expect(placementOf({ id: 10, level: 'TOWNSHIP', ancestorIds: [1] })).toBeNull()
    expect(placementOf({ id: 1, level: 'COUNTY', ancestorIds: [] })).toBeNull()
  })
})
