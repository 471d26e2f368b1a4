import { describe, expect, it } from 'vitest'
import { checkPoints, latestCheck, meetsStandard, occupancy, placesPerThousand, tallyStandard, type ScoredItem } from './rules'

const core = (score: ScoredItem['score']): ScoredItem => ({ core: true, score })
const extra = (score: ScoredItem['score']): ScoredItem => ({ core: false, score })

describe('meetsStandard', () => {
  it('meets with every item met', () => {
    expect(meetsStandard([core('MET'), core('MET'), core('MET'), core('MET'), extra('MET')])).toBe(true)
  })
  it('fails when a core item is only partly met, however the rest score', () => {
    expect(meetsStandard([core('MET'), core('PARTLY'), core('MET'), core('MET'), extra('MET'), extra('MET')])).toBe(false)
  })
  it('allows a partly met extra item while the points reach 80%', () => {
    // 4 core met (8) + one partly (1) = 9 of 10
    expect(meetsStandard([core('MET'), core('MET'), core('MET'), core('MET'), extra('PARTLY')])).toBe(true)
  })
  it('fails below 80% of the points even with the core met', () => {
    // 4 core met (8) + three extras not met (0) = 8 of 14
    expect(meetsStandard([core('MET'), core('MET'), core('MET'), core('MET'), extra('NOT_MET'), extra('NOT_MET'), extra('NOT_MET')])).toBe(false)
  })
  it('meets at exactly 80%', () => {
    // 2 core met (4) + 3 extras: met, not met, met... 4+2+0+2 = 8 of 10
    expect(meetsStandard([core('MET'), core('MET'), extra('MET'), extra('NOT_MET'), extra('MET')])).toBe(true)
  })
  it('an empty check does not meet the standard', () => {
    expect(meetsStandard([])).toBe(false)
  })
})

describe('checkPoints', () => {
  it('counts 2, 1 and 0', () => {
    expect(checkPoints([core('MET'), extra('PARTLY'), extra('NOT_MET')])).toEqual({ points: 3, max: 6 })
  })
})

describe('latestCheck', () => {
  it('takes the latest date, then the last recorded of one date', () => {
    const checks = [
      { id: 1, checkedOn: '2025-03-01' },
      { id: 5, checkedOn: '2024-12-01' },
      { id: 3, checkedOn: '2025-03-01' },
    ]
    expect(latestCheck(checks)?.id).toBe(3)
    expect(latestCheck([])).toBeNull()
  })
})

describe('tallyStandard', () => {
  it('counts meeting, unchecked and the share', () => {
    expect(tallyStandard([true, false, null, true])).toEqual({ total: 4, meeting: 2, unchecked: 1, share: 0.5 })
    expect(tallyStandard([])).toEqual({ total: 0, meeting: 0, unchecked: 0, share: null })
  })
})

describe('placesPerThousand', () => {
  it('is places over residents per thousand, to two decimals', () => {
    expect(placesPerThousand(450, 100_000)).toBe(4.5)
    expect(placesPerThousand(100, 30_000)).toBe(3.33)
    expect(placesPerThousand(0, 30_000)).toBe(0)
  })
  it('has no value without residents', () => {
    expect(placesPerThousand(10, 0)).toBeNull()
  })
})

describe('occupancy', () => {
  it('is places in use over places', () => {
    expect(occupancy(40, 30)).toBe(0.75)
    expect(occupancy(0, 0)).toBeNull()
  })
})
