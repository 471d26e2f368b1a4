import { describe, expect, it } from 'vitest'
import { childAncestorIds, childLevel, codeProblem } from './rules'

describe('division codes', () => {
  it('accepts the real shape at each level', () => {
    expect(codeProblem('371422000000', 'COUNTY', null)).toBeNull()
    expect(codeProblem('371422100000', 'TOWNSHIP', '371422000000')).toBeNull()
    expect(codeProblem('371422100201', 'VILLAGE', '371422100000')).toBeNull()
    expect(codeProblem('371422100501', 'GROUP', '371422100201')).toBeNull()
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
