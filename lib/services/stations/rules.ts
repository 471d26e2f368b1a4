// Pure rules of the stations registry (服务站/服务室), the standardisation checklist (规范化建设)
// and childcare places (托育). No database: unit-tested in rules.test.ts.

export const CHECK_SCORES = ['MET', 'PARTLY', 'NOT_MET'] as const
export type CheckScore = (typeof CHECK_SCORES)[number]

/** Points of a score: met is full, partly is half, not met is none. */
export const SCORE_POINTS: Record<CheckScore, number> = { MET: 2, PARTLY: 1, NOT_MET: 0 }

/** The share of the possible points a check must reach to meet the standard. */
export const STANDARD_SHARE = 0.8

export interface ScoredItem {
  /** a core item (统一标识, 统一设备, 统一流程, 统一制度) must be met in full */
  core: boolean
  score: CheckScore
}

/** A check's points and the most it could have had. */
export function checkPoints(items: readonly ScoredItem[]): { points: number; max: number } {
  return {
    points: items.reduce((sum, i) => sum + SCORE_POINTS[i.score], 0),
    max: items.length * SCORE_POINTS.MET,
  }
}

/**
 * Whether a check meets the standard: every core item met, and at least 80% of the points of all
 * the items scored. A check that scored nothing does not. A station meets the standard when its
 * latest check does (items the county adds later are judged at the next check).
 */
export function meetsStandard(items: readonly ScoredItem[]): boolean {
  if (items.length === 0) return false
  if (items.some((i) => i.core && i.score !== 'MET')) return false
  const { points, max } = checkPoints(items)
  return points >= STANDARD_SHARE * max
}

/** The latest of a station's checks: the latest date, and of one date the last recorded. */
export function latestCheck<T extends { checkedOn: string; id: number }>(checks: readonly T[]): T | null {
  let best: T | null = null
  for (const c of checks) {
    if (!best || c.checkedOn > best.checkedOn || (c.checkedOn === best.checkedOn && c.id > best.id)) best = c
  }
  return best
}

export interface StandardTally {
  /** stations (rooms) counted */
  total: number
  /** of which the latest check meets the standard */
  meeting: number
  /** never checked */
  unchecked: number
  /** meeting ÷ total, null when there is none */
  share: number | null
}

/** Counts stations by their latest verdict (null: never checked, counted as not meeting). */
export function tallyStandard(verdicts: readonly (boolean | null)[]): StandardTally {
  const meeting = verdicts.filter((v) => v === true).length
  const unchecked = verdicts.filter((v) => v === null).length
  return { total: verdicts.length, meeting, unchecked, share: verdicts.length === 0 ? null : meeting / verdicts.length }
}

/**
 * 千人口拥有3岁以下婴幼儿托位数: childcare places ÷ (resident population ÷ 1,000), to two decimals;
 * null without residents (no denominator). Negative inputs are refused by the caller's schema.
 */
export function placesPerThousand(places: number, residents: number): number | null {
  if (residents <= 0) return null
  return Math.round((places * 1000 * 100) / residents) / 100
}

/** The share of places in use, null without places. */
export function occupancy(places: number, placesInUse: number): number | null {
  return places <= 0 ? null : placesInUse / places
}
