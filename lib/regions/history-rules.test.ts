import { describe, expect, it } from 'vitest'
import { counterpartOn, dateProblem, nameOn, newCodeProblem, rebasedCode, treeOn, unassigned, validOn, villageMapOn, type ChangeRegion } from './history-rules'

// A county (1) whose township 10 (宁津镇, villages 101 and 102) split on 2025-01-01 into 20
// (villages 201 from 101) and 30 (village 301 from 102); township 40 was renamed on 2024-07-01 from
// 张大庄乡 to 张大庄镇; village 301 moved on to township 40 as 401 on 2025-06-01.
const tree = [
  { id: 10, parentId: 1, code: '371422100000', name: '宁津镇', validFrom: null, validTo: '2025-01-01' },
  { id: 101, parentId: 10, code: '371422100201', name: '东街村', validFrom: null, validTo: '2025-01-01' },
  { id: 102, parentId: 10, code: '371422100202', name: '西街村', validFrom: null, validTo: '2025-01-01' },
  { id: 20, parentId: 1, code: '371422001000', name: '宁城街道', validFrom: '2025-01-01', validTo: null },
  { id: 201, parentId: 20, code: '371422001201', name: '东街村', validFrom: '2025-01-01', validTo: null },
  { id: 30, parentId: 1, code: '371422002000', name: '津城街道', validFrom: '2025-01-01', validTo: null },
  { id: 301, parentId: 30, code: '371422002202', name: '西街村', validFrom: '2025-01-01', validTo: '2025-06-01' },
  { id: 40, parentId: 1, code: '371422201000', name: '张大庄镇', validFrom: null, validTo: null },
  { id: 401, parentId: 40, code: '371422201202', name: '西街村', validFrom: '2025-06-01', validTo: null },
]
const renames = [{ regionId: 40, effectiveOn: '2024-07-01', oldName: '张大庄乡', newName: '张大庄镇' }]
const links = [
  { fromId: 10, toId: 20 },
  { fromId: 10, toId: 30 },
  { fromId: 101, toId: 201 },
  { fromId: 102, toId: 301 },
  { fromId: 301, toId: 401 },
]
const byId = new Map(tree.map((r) => [r.id, r]))

describe('validity', () => {
  it('includes the first day and excludes the end date', () => {
    expect(validOn(byId.get(10)!, '2024-12-31')).toBe(true)
    expect(validOn(byId.get(10)!, '2025-01-01')).toBe(false)
    expect(validOn(byId.get(20)!, '2025-01-01')).toBe(true)
    expect(validOn(byId.get(20)!, '2024-12-31')).toBe(false)
    expect(validOn(byId.get(40)!, '1990-01-01')).toBe(true)
  })
})

describe('the tree as of a date', () => {
  const townships = tree.filter((r) => r.parentId === 1)
  it('before the split: the old town, and the renamed township under its old name', () => {
    expect(treeOn(townships, renames, '2024-06-30').map((r) => r.name)).toEqual(['宁津镇', '张大庄乡'])
  })
  it('after the rename and before the split', () => {
    expect(treeOn(townships, renames, '2024-12-31').map((r) => r.name)).toEqual(['宁津镇', '张大庄镇'])
  })
  it('from the split on: the two streets', () => {
    expect(treeOn(townships, renames, '2025-01-01').map((r) => r.name)).toEqual(['宁城街道', '津城街道', '张大庄镇'])
  })
  it('a village under the township it was under on the date', () => {
    const villagesOf = (parent: number, date: string) =>
      treeOn(
        tree.filter((r) => r.parentId === parent),
        renames,
        date,
      ).map((r) => r.id)
    expect(villagesOf(10, '2024-12-31')).toEqual([101, 102])
    expect(villagesOf(10, '2025-03-01')).toEqual([])
    expect(villagesOf(30, '2025-03-01')).toEqual([301])
    expect(villagesOf(30, '2025-06-01')).toEqual([])
    expect(villagesOf(40, '2025-06-01')).toEqual([401])
  })
  it('names the old name only before the rename', () => {
    expect(nameOn({ id: 40, name: '张大庄镇' }, renames, '2024-06-30')).toBe('张大庄乡')
    expect(nameOn({ id: 40, name: '张大庄镇' }, renames, '2024-07-01')).toBe('张大庄镇')
  })
})

describe('counterparts', () => {
  it('follows a village back and forth through several changes', () => {
    expect(counterpartOn(401, '2024-12-31', byId, links)).toBe(102)
    expect(counterpartOn(401, '2025-03-01', byId, links)).toBe(301)
    expect(counterpartOn(102, '2025-07-01', byId, links)).toBe(401)
    expect(counterpartOn(201, '2025-07-01', byId, links)).toBe(201)
  })
  it('maps the rows not valid on a date to the village and township valid then', () => {
    const villages = new Map(tree.filter((r) => r.parentId !== 1).map((r) => [r.id, r]))
    expect(villageMapOn(villages, links, '2024-12-31')).toEqual({ cur: [201, 301, 401], village: [101, 102, 102], township: [10, 10, 10] })
    expect(villageMapOn(villages, links, '2025-06-01')).toEqual({ cur: [101, 102, 301], village: [201, 401, 401], township: [20, 40, 40] })
  })
})

describe('recording a change', () => {
  const region = (over: Partial<ChangeRegion> = {}): ChangeRegion => ({
    id: 1,
    code: '371422100000',
    name: '宁津镇',
    level: 'TOWNSHIP',
    parentId: 0,
    active: true,
    validFrom: null,
    validTo: null,
    lastRenameOn: null,
    ...over,
  })
  it('accepts a date after the region began and any earlier change', () => {
    expect(dateProblem('2025-01-01', '2026-01-01', [region()])).toBeNull()
    expect(dateProblem('2025-01-01', '2026-01-01', [region({ validFrom: '2024-01-01', lastRenameOn: '2024-06-01' })])).toBeNull()
  })
  it('refuses a date before the region existed, on or before another change, in the future, or an ended region', () => {
    expect(dateProblem('2023-12-31', '2026-01-01', [region({ validFrom: '2024-01-01' })])).toEqual({ key: 'beforeExists', name: '宁津镇', date: '2024-01-01' })
    expect(dateProblem('2024-01-01', '2026-01-01', [region({ validFrom: '2024-01-01' })])).toEqual({ key: 'overlaps', name: '宁津镇', date: '2024-01-01' })
    expect(dateProblem('2024-05-01', '2026-01-01', [region({ lastRenameOn: '2024-06-01' })])).toEqual({ key: 'overlaps', name: '宁津镇', date: '2024-06-01' })
    expect(dateProblem('2026-01-02', '2026-01-01', [region()])).toEqual({ key: 'future' })
    expect(dateProblem('2025-01-01', '2026-01-01', [region({ validTo: '2024-01-01', active: false })])).toEqual({ key: 'ended', name: '宁津镇' })
  })
  it('names the villages left without a new township', () => {
    const villages = [
      { id: 1, name: '东街村' },
      { id: 2, name: '西街村' },
    ]
    expect(unassigned(villages, new Map([[1, 'a']]))).toEqual(['西街村'])
    expect(
      unassigned(
        villages,
        new Map([
          [1, 'a'],
          [2, 'b'],
        ]),
      ),
    ).toEqual([])
  })
  it('checks the new townships’ codes', () => {
    expect(newCodeProblem(['371422001000', '371422002000'], '371422000000', new Set())).toBeNull()
    expect(newCodeProblem(['371422001000', '371422001000'], '371422000000', new Set())).toEqual({ key: 'duplicateNewCode', code: '371422001000' })
    expect(newCodeProblem(['371422100000'], '371422000000', new Set(['371422100000']))).toEqual({ key: 'duplicateNewCode', code: '371422100000' })
    expect(newCodeProblem(['371423001000'], '371422000000', new Set())).toEqual({ key: 'badNewCode', code: '371423001000', problem: 'notUnderParent' })
    expect(newCodeProblem(['37142200100'], '371422000000', new Set())).toEqual({ key: 'badNewCode', code: '37142200100', problem: 'format' })
  })
  it('keeps a moved village’s number under its new township, or takes the next free one', () => {
    const taken = new Set(['371422001201'])
    expect(rebasedCode('371422100202', '371422001000', taken)).toBe('371422001202')
    expect(rebasedCode('371422100201', '371422001000', taken)).toBe('371422001001')
    expect(taken.has('371422001001')).toBe(true)
  })
})
