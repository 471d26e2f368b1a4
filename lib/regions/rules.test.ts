import { describe, expect, it } from 'vitest'
import {
  childAncestorIds,
  childLevel,
  codeProblem,
  countySetupOpen,
  groupCode,
  nextGroupNumber,
  parseCountyCode,
  parseGroupNumber,
  splitGroupCode,
} from './rules'

describe('division codes', () => {
  it('accepts the real shape at each level', () => {
    expect(codeProblem('371422000000', 'COUNTY', null)).toBeNull()
    expect(codeProblem('371422100000', 'TOWNSHIP', '371422000000')).toBeNull()
    expect(codeProblem('371422100201', 'VILLAGE', '371422100000')).toBeNull()
    expect(codeProblem('371422100201003', 'GROUP', '371422100201')).toBeNull()
  })
  it('needs exactly 12 digits', () => {
    for (const bad of ['', '37142210020', '3714221002011', '37142210020a', '３７１４２２１００２０１', "3714' OR 1=1"]) {
      expect(codeProblem(bad, 'VILLAGE', '371422100000')).toBe('format')
    }
  })
  it('checks the zeros of each level', () => {
    expect(codeProblem('371422100000', 'COUNTY', null)).toBe('countyShape')
    expect(codeProblem('371400000000', 'COUNTY', null)).toBe('countyShape')
    expect(codeProblem('371422100201', 'TOWNSHIP', '371422000000')).toBe('townshipShape')
    expect(codeProblem('371422000000', 'TOWNSHIP', '371422000000')).toBe('townshipShape')
    expect(codeProblem('371422100000', 'VILLAGE', '371422100000')).toBe('villageShape')
  })
  it('keeps a child inside its parent', () => {
    expect(codeProblem('371423100000', 'TOWNSHIP', '371422000000')).toBe('notUnderParent')
    expect(codeProblem('371422101201', 'VILLAGE', '371422100000')).toBe('notUnderParent')
  })
})

describe('village group codes', () => {
  it('are the village code and a 3-digit group number', () => {
    expect(groupCode('371422101201', 3)).toBe('371422101201003')
    expect(groupCode('371422101201', 999)).toBe('371422101201999')
    expect(splitGroupCode('371422101201012')).toEqual({ villageCode: '371422101201', number: 12 })
  })
  it('refuse a 12-digit code that looks like another village', () => {
    // The old scheme: groups took 501–999 of their township's range.
    expect(codeProblem('371422100501', 'GROUP', '371422100201')).toBe('groupShape')
  })
  it('refuse group number 000, other lengths and other villages', () => {
    expect(codeProblem('371422100201000', 'GROUP', '371422100201')).toBe('groupShape')
    expect(codeProblem('3714221002010011', 'GROUP', '371422100201')).toBe('format')
    expect(codeProblem('37142210020101', 'GROUP', '371422100201')).toBe('format')
    expect(codeProblem('371422100202001', 'GROUP', '371422100201')).toBe('notUnderParent')
    expect(splitGroupCode('371422100201000')).toBeNull()
    expect(splitGroupCode('371422100201')).toBeNull()
    expect(() => groupCode('371422100201', 0)).toThrow()
    expect(() => groupCode('371422100201', 1000)).toThrow()
    expect(() => groupCode('37142210020', 1)).toThrow()
  })
  it('a village code is never a group code', () => {
    expect(codeProblem('371422100201003', 'VILLAGE', '371422100000')).toBe('format')
  })
  it("read a clerk's group number", () => {
    for (const [text, n] of [
      ['3', 3],
      ['03', 3],
      ['003', 3],
      ['第3组', 3],
      ['１２', 12],
      [' 7 ', 7],
      ['999', 999],
    ] as const)
      expect(parseGroupNumber(text)).toBe(n)
    for (const text of ['0', '000', '1000', '第三村民小组', '', 'a', '3.5', '-1']) expect(parseGroupNumber(text)).toBeNull()
  })
  it('give the next free number, and none after 999', () => {
    expect(nextGroupNumber('371422100201', [])).toBe(1)
    expect(nextGroupNumber('371422100201', ['371422100201001', '371422100201002', '371422100202003'])).toBe(3)
    expect(nextGroupNumber('371422100201', ['371422100201001', '371422100201003'])).toBe(2)
    const all = Array.from({ length: 999 }, (_, i) => groupCode('371422100201', i + 1))
    expect(nextGroupNumber('371422100201', all)).toBeNull()
  })
})

describe('county code as typed', () => {
  it('takes 6 digits or the 12-digit form', () => {
    expect(parseCountyCode('371422')).toEqual({ ok: true, code6: '371422' })
    expect(parseCountyCode(' 371422000000 ')).toEqual({ ok: true, code6: '371422' })
    expect(parseCountyCode('３７１４２２')).toEqual({ ok: true, code6: '371422' })
  })
  it('refuses other shapes', () => {
    for (const bad of ['', '37142', '3714220', '371422100000x', 'abcdef', '371422 OR 1']) expect(parseCountyCode(bad)).toEqual({ ok: false, problem: 'format' })
    for (const bad of ['371400', '370000', '371422100000', '371422000001']) expect(parseCountyCode(bad)).toEqual({ ok: false, problem: 'countyShape' })
  })
})

describe('tree', () => {
  it('goes one level down at a time and stops at groups', () => {
    expect(childLevel('COUNTY')).toBe('TOWNSHIP')
    expect(childLevel('TOWNSHIP')).toBe('VILLAGE')
    expect(childLevel('VILLAGE')).toBe('GROUP')
    expect(childLevel('GROUP')).toBeNull()
  })
  it('records every ancestor of a new child, root first', () => {
    expect(childAncestorIds({ id: 11, ancestorIds: [1, 10] })).toEqual([1, 10, 11])
  })
})

describe('county setup from the national list', () => {
  it('is open only for the administrator’s own county while it has no townships', () => {
    expect(countySetupOpen({ level: 'COUNTY', id: 7, childCount: 0 }, 7)).toBe(true)
    expect(countySetupOpen({ level: 'COUNTY', id: 7, childCount: 12 }, 7)).toBe(false)
    expect(countySetupOpen({ level: 'COUNTY', id: 7, childCount: 0 }, 8)).toBe(false)
    expect(countySetupOpen({ level: 'TOWNSHIP', id: 7, childCount: 0 }, 7)).toBe(false)
  })
})
