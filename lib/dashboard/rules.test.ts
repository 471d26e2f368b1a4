import { describe, expect, it } from 'vitest'
import { ageGroupLabel, ageGroupOf, ageOn, compareClass, perThousand, pyramidBins, sexRatioAtBirth, sortRows } from './rules'

describe('the pyramid bins', () => {
  it('puts ages into 5-year groups with 85+ last and skips the unborn', () => {
    expect([0, 4, 5, 84, 85, 103].map(ageGroupOf)).toEqual([0, 0, 1, 16, 17, 17])
    expect(ageGroupOf(-1)).toBeNull()
    expect(ageGroupLabel(0)).toBe('0-4')
    expect(ageGroupLabel(17)).toBe('85+')
    const rows = pyramidBins([
      { sex: 'MALE', age: 3, n: 2 },
      { sex: 'FEMALE', age: 4, n: 1 },
      { sex: 'FEMALE', age: 90, n: 5 },
      { sex: 'MALE', age: -1, n: 9 },
    ])
    expect(rows).toHaveLength(18)
    expect(rows[0]).toEqual({ group: '0-4', male: 2, female: 1 })
    expect(rows[17]).toEqual({ group: '85+', male: 0, female: 5 })
    expect(rows.reduce((s, r) => s + r.male + r.female, 0)).toBe(8)
  })

  it('counts age in whole years on the day', () => {
    expect(ageOn('2000-03-01', '2025-02-28')).toBe(24)
    expect(ageOn('2000-03-01', '2025-03-01')).toBe(25)
  })
})

describe('the sex ratio at birth', () => {
  it('is boys per 100 girls inside its Wilson interval', () => {
    const r = sexRatioAtBirth(53, 47)!
    expect(r.ratio).toBeCloseTo(112.77, 1)
    expect(r.low).toBeLessThan(r.ratio)
    expect(r.high!).toBeGreaterThan(r.ratio)
  })

  it('is wide for a township’s few births and narrows with more', () => {
    const small = sexRatioAtBirth(6, 4)!
    const large = sexRatioAtBirth(600, 400)!
    expect(small.ratio).toBeCloseTo(large.ratio, 5)
    expect(small.high! - small.low).toBeGreaterThan(10 * (large.high! - large.low))
  })

  it('has no ratio without girls or births, and no upper bound only then', () => {
    expect(sexRatioAtBirth(0, 0)).toBeNull()
    expect(sexRatioAtBirth(3, 0)).toBeNull()
    expect(sexRatioAtBirth(0, 3)).toEqual({ ratio: 0, low: 0, high: expect.any(Number) })
  })
})

describe('the colour scale against the county', () => {
  it('has five classes around the county value', () => {
    expect([70, 85, 100, 109, 120, 130].map((v) => compareClass(v, 100))).toEqual(['muchLower', 'lower', 'near', 'near', 'higher', 'muchHigher'])
    expect(compareClass(null, 100)).toBeNull()
    expect(compareClass(0, 0)).toBe('near')
    expect(compareClass(2, 0)).toBe('muchHigher')
  })

  it('rates per thousand, missing without a base', () => {
    expect(perThousand(3, 1200)).toBe(2.5)
    expect(perThousand(3, 0)).toBeNull()
  })

  it('sorts by a column with missing values last either way', () => {
    const rows = [
      { name: 'a', values: { x: 2 } },
      { name: 'b', values: { x: null } },
      { name: 'c', values: { x: 5 } },
    ]
    expect(sortRows(rows, 'x', 'asc').map((r) => r.name)).toEqual(['a', 'c', 'b'])
    expect(sortRows(rows, 'x', 'desc').map((r) => r.name)).toEqual(['c', 'a', 'b'])
  })
})
