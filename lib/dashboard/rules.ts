import { wilsonInterval } from '@/lib/assessment/rules'

// Pure rules of the dashboards: the population pyramid's age groups, the sex ratio at birth with its
// interval, rates, and the classes the side-by-side table colours a cell by.

/** 5-year age groups: 0-4 … 80-84, then 85+ (index 17). */
export const AGE_GROUPS = 18
export const ageGroupLabel = (i: number) => (i >= AGE_GROUPS - 1 ? `${5 * (AGE_GROUPS - 1)}+` : `${5 * i}-${5 * i + 4}`)

/** Whole years of age on `at` (yyyy-mm-dd) of someone born on `born`. */
export function ageOn(born: string, at: string): number {
  const years = Number(at.slice(0, 4)) - Number(born.slice(0, 4))
  return at.slice(5) < born.slice(5) ? years - 1 : years
}

/** The 5-year group of an age (negative ages are not counted: null). */
export function ageGroupOf(age: number): number | null {
  if (age < 0 || !Number.isFinite(age)) return null
  return Math.min(Math.floor(age / 5), AGE_GROUPS - 1)
}

export interface PyramidRow {
  group: string
  male: number
  female: number
}

/** People counted by sex and single year of age into the pyramid's rows, youngest first. */
export function pyramidBins(cells: readonly { sex: 'MALE' | 'FEMALE'; age: number; n: number }[]): PyramidRow[] {
  const rows = Array.from({ length: AGE_GROUPS }, (_, i) => ({ group: ageGroupLabel(i), male: 0, female: 0 }))
  for (const c of cells) {
    const g = ageGroupOf(c.age)
    if (g === null) continue
    if (c.sex === 'MALE') rows[g].male += c.n
    else rows[g].female += c.n
  }
  return rows
}

export interface SexRatio {
  /** boys per 100 girls */
  ratio: number
  /** the 95% interval of the ratio, from the Wilson interval of the share of boys */
  low: number
  /** null when every birth was a boy (the ratio has no upper bound) */
  high: number | null
}

const ratioOfShare = (p: number) => (p >= 1 ? null : (100 * p) / (1 - p))

/**
 * The sex ratio at birth (boys per 100 girls) with a 95% interval: a township's births in a month
 * are few, so the Wilson interval of the share of boys (assessment/rules.wilsonInterval), turned into
 * a ratio. Null without births or without girls (no ratio).
 */
export function sexRatioAtBirth(boys: number, girls: number): SexRatio | null {
  const interval = wilsonInterval(boys, boys + girls)
  if (!interval || girls === 0) return null
  return { ratio: (100 * boys) / girls, low: ratioOfShare(interval.low) ?? 0, high: ratioOfShare(interval.high) }
}

/** n per 1,000 of `base`, one decimal; null without a base. */
export function perThousand(n: number, base: number): number | null {
  return base > 0 ? Math.round((10_000 * n) / base) / 10 : null
}

/** A share in percent, one decimal; null without a base. */
export function percentOf(n: number, base: number): number | null {
  return base > 0 ? Math.round((1000 * n) / base) / 10 : null
}

/** How a cell compares with the county's value: five classes, each with a sign so colour is never alone. */
export type CompareClass = 'muchLower' | 'lower' | 'near' | 'higher' | 'muchHigher'
export const COMPARE_CLASSES: readonly CompareClass[] = ['muchLower', 'lower', 'near', 'higher', 'muchHigher']
export const COMPARE_SIGN: Record<CompareClass, string> = { muchLower: '▼▼', lower: '▼', near: '●', higher: '▲', muchHigher: '▲▲' }

/**
 * The class of `value` against the county's `reference`: within ±10% of it is near, beyond ±25%
 * much higher or lower. A reference of 0 compares by sign alone. Null when either is missing.
 */
export function compareClass(value: number | null, reference: number | null): CompareClass | null {
  if (value === null || reference === null) return null
  if (reference === 0) return value === 0 ? 'near' : value > 0 ? 'muchHigher' : 'muchLower'
  const ratio = (value - reference) / Math.abs(reference)
  if (ratio <= -0.25) return 'muchLower'
  if (ratio < -0.1) return 'lower'
  if (ratio <= 0.1) return 'near'
  if (ratio < 0.25) return 'higher'
  return 'muchHigher'
}

/** Sorts rows by a numeric column (missing values last, whatever the direction), then by name. */
export function sortRows<R extends { name: string; values: Record<string, number | null> }>(
  rows: readonly R[],
  column: string,
  direction: 'asc' | 'desc',
): R[] {
  const sign = direction === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    const x = a.values[column] ?? null
    const y = b.values[column] ?? null
    if (x === null && y === null) return a.name.localeCompare(b.name, 'zh-CN')
    if (x === null) return 1
    if (y === null) return -1
    return x === y ? a.name.localeCompare(b.name, 'zh-CN') : sign * (x - y)
  })
}
