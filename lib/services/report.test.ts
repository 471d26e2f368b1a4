import { describe, expect, it } from 'vitest'
import { cellValue, columnsOf } from '@/lib/reports/sections'
import { servicesSection } from './report'

// The services section of the reports: whole counts, rates from counts, "—" for a report frozen
// before the section existed, and the small-cell rule on pre-marital checks.

const value = (key: string, counts: Record<string, number>) =>
  cellValue(
    columnsOf(servicesSection).find((c) => c.key === key)!,
    counts,
    { factor: 1 },
  )

describe('the services report section', () => {
  it('shows counts and coverage rates computed from the counts', () => {
    const counts = { childrenEligible: 40, childrenDone: 30, marriagesEligible: 20, marriagesDone: 12 }
    expect(value('childrenEligibleShown', counts)).toBe(40)
    expect(value('childrenDoneShown', counts)).toBe(30)
    expect(value('childrenRate', counts)).toBe(75)
    expect(value('marriagesDoneShown', counts)).toBe(12)
    expect(value('marriagesRate', counts)).toBe(60)
  })
  it('suppresses 1–4 pre-marital checks and their rate, not other indicators', () => {
    const counts = { childrenEligible: 3, childrenDone: 2, marriagesEligible: 6, marriagesDone: 3 }
    expect(value('marriagesDoneShown', counts)).toBeNull()
    expect(value('marriagesRate', counts)).toBeNull()
    expect(value('marriagesEligibleShown', counts)).toBe(6)
    expect(value('childrenDoneShown', counts)).toBe(2)
    expect(value('marriagesDoneShown', { ...counts, marriagesDone: 0 })).toBe(0)
  })
  it('shows "—" for a report frozen before the section existed', () => {
    expect(value('childrenDoneShown', {})).toBeNull()
    expect(value('childrenRate', {})).toBeNull()
  })
})
