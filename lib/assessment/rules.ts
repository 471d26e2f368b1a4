// The scoring engine of an assessment scheme: pure functions, no database. A scheme is a tree of
// groups and indicators with maximum points; every indicator has a scoring method; a run scores
// every unit (township or village) from frozen values and ranks them. Each computed figure keeps
// the numbers it was computed from, so the "why" page can show the formula with its numbers.

export type Better = 'higher' | 'lower'

export type ScoringMethod =
  /** the best unit gets the maximum; every other unit maximum × value ÷ best (or best ÷ value when lower is better) */
  | { kind: 'proportional'; better: Better }
  /** from the maximum, subtract `perUnit` points per unit of shortfall against the target, floored at 0 */
  | { kind: 'deduction'; target: number; perUnit: number; better: Better }
  /** full points when the target is met; otherwise 0 or in proportion to attainment */
  | { kind: 'threshold'; target: number; partial: 'none' | 'proportional'; better: Better }
  /** subtracts `perUnit` points per counted case from the total (−5 per unmet statistical task); no maximum */
  | { kind: 'penalty'; perUnit: number }
  /** points entered by hand (with evidence), capped at the maximum */
  | { kind: 'manual' }

export interface IndicatorNode {
  kind: 'indicator'
  code: string
  name: string
  maxPoints: number
  method: ScoringMethod
}

export interface GroupNode {
  kind: 'group'
  code: string
  name: string
  maxPoints: number
  /** sum: the children's points add up; normalise: group maximum × unit's sum ÷ best unit's sum */
  combine: 'sum' | 'normalise'
  children: SchemeNode[]
}

export type SchemeNode = IndicatorNode | GroupNode

export type VetoRule = { effect: 'dropPlaces'; places: number } | { effect: 'excludeFromAwards' }

export interface SchemeTree {
  maxPoints: number
  children: SchemeNode[]
  veto: VetoRule
}

/** A scheme as it is stored and exchanged: a flat list where each node names its parent. */
export interface FlatNode {
  code: string
  name: string
  parent: string | null
  maxPoints: number
  /** groups have `combine`, indicators `method` */
  combine?: 'sum' | 'normalise'
  method?: ScoringMethod
}

export type SchemeProblem =
  | { kind: 'duplicateCode'; code: string }
  | { kind: 'unknownParent'; code: string; parent: string }
  | { kind: 'cycle'; codes: string[] }
  | { kind: 'pointsDoNotAddUp'; code: string | null; expected: number; actual: number }
  | { kind: 'emptyGroup'; code: string }
  | { kind: 'indicatorWithChildren'; code: string }
  | { kind: 'negativePoints'; code: string }

const EPSILON = 1e-9

/** Points as the county reads them: two decimals, without binary noise (0.1 + 0.2 is 0.3). */
export function roundPoints(points: number): number {
  // + 0 turns −0 into 0
  return Math.round((points + Math.sign(points) * EPSILON) * 100) / 100 + 0
}

/**
 * Builds the tree from its flat form, or lists every problem: duplicate codes, unknown parents,
 * cycles, groups whose children's maximum points do not add up to the group's (penalties, which
 * have no maximum, are left out of the sum), and the scheme's own total.
 */
export function buildScheme(
  nodes: readonly FlatNode[],
  maxPoints: number,
  veto: VetoRule,
): { ok: true; scheme: SchemeTree } | { ok: false; problems: SchemeProblem[] } {
  const problems: SchemeProblem[] = []
  const byCode = new Map<string, FlatNode>()
  for (const node of nodes) {
    if (byCode.has(node.code)) problems.push({ kind: 'duplicateCode', code: node.code })
    byCode.set(node.code, node)
    if (node.maxPoints < 0) problems.push({ kind: 'negativePoints', code: node.code })
  }
  for (const node of nodes) if (node.parent !== null && !byCode.has(node.parent)) problems.push({ kind: 'unknownParent', code: node.code, parent: node.parent })

  // A cycle: following parents from a node comes back to it before reaching the root.
  const reported = new Set<string>()
  for (const node of nodes) {
    const path: string[] = []
    const seen = new Set<string>()
    let current: FlatNode | undefined = node
    while (current && current.parent !== null) {
      if (seen.has(current.code)) {
        const cycle = path.slice(path.indexOf(current.code))
        if (!cycle.some((code) => reported.has(code))) problems.push({ kind: 'cycle', codes: cycle })
        cycle.forEach((code) => reported.add(code))
        break
      }
      seen.add(current.code)
      path.push(current.code)
      current = byCode.get(current.parent)
    }
  }
  if (problems.length) return { ok: false, problems }

  const childrenOf = new Map<string | null, FlatNode[]>()
  for (const node of nodes) childrenOf.set(node.parent, [...(childrenOf.get(node.parent) ?? []), node])

  function toNode(flat: FlatNode): SchemeNode {
    const children = childrenOf.get(flat.code) ?? []
    if (flat.method) {
      if (children.length) problems.push({ kind: 'indicatorWithChildren', code: flat.code })
      return { kind: 'indicator', code: flat.code, name: flat.name, maxPoints: flat.maxPoints, method: flat.method }
    }
    if (!children.length) problems.push({ kind: 'emptyGroup', code: flat.code })
    checkSum(flat.code, flat.maxPoints, children)
    return { kind: 'group', code: flat.code, name: flat.name, maxPoints: flat.maxPoints, combine: flat.combine ?? 'sum', children: children.map(toNode) }
  }

  function checkSum(code: string | null, expected: number, children: FlatNode[]) {
    const actual = roundPoints(children.filter((c) => c.method?.kind !== 'penalty').reduce((sum, c) => sum + c.maxPoints, 0))
    if (Math.abs(actual - expected) > 0.005) problems.push({ kind: 'pointsDoNotAddUp', code, expected, actual })
  }

  const top = childrenOf.get(null) ?? []
  checkSum(null, maxPoints, top)
  const scheme: SchemeTree = { maxPoints, veto, children: top.map(toNode) }
  return problems.length ? { ok: false, problems } : { ok: true, scheme }
}

/** One unit's value of one indicator; null when none was given (scores 0, and says so). */
export type Values = ReadonlyMap<string, ReadonlyMap<number, number | null>>

export interface IndicatorScore {
  code: string
  value: number | null
  points: number
  /** the formula with its numbers, e.g. "700 × 1520 ÷ 3040 = 350" */
  formula: string
}

export interface GroupScore {
  code: string
  /** the children's points added up, before normalisation */
  rawSum: number
  points: number
  formula: string
}

function fmt(n: number): string {
  return String(roundPoints(n))
}

/** Scores one indicator for every unit: the points and the formula each unit's figure came from. */
export function scoreIndicator(node: IndicatorNode, values: ReadonlyMap<number, number | null>, units: readonly number[]): Map<number, IndicatorScore> {
  const result = new Map<number, IndicatorScore>()
  const { method, maxPoints: max } = node
  const given = units.map((u) => values.get(u)).filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v))
  const higher = 'better' in method ? method.better === 'higher' : true
  const best = given.length ? (higher ? Math.max(...given) : Math.min(...given)) : null

  for (const unit of units) {
    const raw = values.get(unit)
    const value = raw === undefined || raw === null || !Number.isFinite(raw) ? null : raw
    const score = (points: number, formula: string) => result.set(unit, { code: node.code, value, points: roundPoints(points), formula })
    if (value === null) {
      score(0, 'no value: 0')
      continue
    }
    switch (method.kind) {
      case 'proportional': {
        if (best === null || (higher && best <= 0)) score(0, `best value ${fmt(best ?? 0)}: 0`)
        else if (higher) {
          const points = (max * Math.max(0, value)) / best
          score(points, `${fmt(max)} × ${fmt(value)} ÷ ${fmt(best)} = ${fmt(points)}`)
        } else if (value <= 0) score(max, `${fmt(value)} is the best possible: ${fmt(max)}`)
        else {
          const points = (max * Math.max(0, best)) / value
          score(points, `${fmt(max)} × ${fmt(best)} ÷ ${fmt(value)} = ${fmt(points)}`)
        }
        break
      }
      case 'deduction': {
        const shortfall = Math.max(0, higher ? method.target - value : value - method.target)
        const points = Math.max(0, max - method.perUnit * shortfall)
        score(points, `${fmt(max)} − ${fmt(method.perUnit)} × ${fmt(shortfall)} = ${fmt(points)}`)
        break
      }
      case 'threshold': {
        const met = higher ? value >= method.target : value <= method.target
        if (met) score(max, `${fmt(value)} meets ${fmt(method.target)}: ${fmt(max)}`)
        else if (method.partial === 'none') score(0, `${fmt(value)} misses ${fmt(method.target)}: 0`)
        else {
          const ratio = higher ? (method.target > 0 ? Math.max(0, value) / method.target : 0) : value > 0 ? method.target / value : 0
          const points = Math.min(max, max * ratio)
          score(
            points,
            higher
              ? `${fmt(max)} × ${fmt(value)} ÷ ${fmt(method.target)} = ${fmt(points)}`
              : `${fmt(max)} × ${fmt(method.target)} ÷ ${fmt(value)} = ${fmt(points)}`,
          )
        }
        break
      }
      case 'penalty': {
        const points = -method.perUnit * Math.max(0, value)
        score(points, `−${fmt(method.perUnit)} × ${fmt(Math.max(0, value))} = ${fmt(points)}`)
        break
      }
      case 'manual': {
        const points = Math.min(max, Math.max(0, value))
        score(points, value > max ? `${fmt(value)} capped at ${fmt(max)}` : `entered: ${fmt(points)}`)
        break
      }
    }
  }
  return result
}

export interface Adjustment {
  unit: number
  /** + for a commendation, − for a criticism */
  points: number
  reason: string
  document: string
}

export interface UnitResult {
  unit: number
  indicators: Map<string, IndicatorScore>
  groups: Map<string, GroupScore>
  adjustments: Adjustment[]
  vetoes: number
  /** top-level points + penalties + adjustments */
  total: number
}

/**
 * Scores every unit on the scheme: indicators first, then groups bottom-up (a normalised group is
 * compared across units, so it needs everyone's sums), then adjustments.
 */
export function scoreScheme(
  scheme: SchemeTree,
  values: Values,
  units: readonly number[],
  adjustments: readonly Adjustment[] = [],
  vetoes: ReadonlyMap<number, number> = new Map(),
): UnitResult[] {
  const results = new Map<number, UnitResult>(
    units.map((unit) => [
      unit,
      { unit, indicators: new Map(), groups: new Map(), adjustments: adjustments.filter((a) => a.unit === unit), vetoes: vetoes.get(unit) ?? 0, total: 0 },
    ]),
  )

  /** Each unit's points of the node (for an indicator, its points; for a group, after combining). */
  function evaluate(node: SchemeNode): Map<number, number> {
    if (node.kind === 'indicator') {
      const scores = scoreIndicator(node, values.get(node.code) ?? new Map(), units)
      for (const [unit, score] of scores) results.get(unit)!.indicators.set(node.code, score)
      return new Map([...scores].map(([unit, s]) => [unit, s.points]))
    }
    const childPoints = node.children.map(evaluate)
    const sums = new Map(units.map((unit) => [unit, roundPoints(childPoints.reduce((sum, points) => sum + (points.get(unit) ?? 0), 0))]))
    const bestSum = Math.max(0, ...sums.values())
    const points = new Map<number, number>()
    for (const unit of units) {
      const rawSum = sums.get(unit)!
      let group: GroupScore
      if (node.combine === 'normalise') {
        const value = bestSum > 0 ? (node.maxPoints * Math.max(0, rawSum)) / bestSum : 0
        group = {
          code: node.code,
          rawSum,
          points: roundPoints(value),
          formula: bestSum > 0 ? `${fmt(node.maxPoints)} × ${fmt(rawSum)} ÷ ${fmt(bestSum)} = ${fmt(value)}` : `best sum ${fmt(bestSum)}: 0`,
        }
      } else group = { code: node.code, rawSum, points: rawSum, formula: `sum = ${fmt(rawSum)}` }
      results.get(unit)!.groups.set(node.code, group)
      points.set(unit, group.points)
    }
    return points
  }

  const top = scheme.children.map(evaluate)
  for (const result of results.values()) {
    const base = top.reduce((sum, points) => sum + (points.get(result.unit) ?? 0), 0)
    result.total = roundPoints(base + result.adjustments.reduce((sum, a) => sum + a.points, 0))
  }
  return units.map((unit) => results.get(unit)!)
}

export interface Ranked {
  unit: number
  score: number
  vetoes: number
  /** rank by score alone: equal scores share a rank (1, 2, 2, 4) */
  scoreRank: number
  /** scoreRank + places dropped for vetoes */
  key: number
  /** the final place */
  place: number
  excludedFromAwards: boolean
}

/**
 * The ranking rule: equal final scores share a rank (1, 2, 2, 4). With vetoes dropping N places,
 * each unit's key is its rank + N × its vetoes, and units are ordered by key, then fewer vetoes
 * first, then higher score; units equal on all three share a place.
 */
export function rank(units: readonly { unit: number; score: number; vetoes: number }[], rule: VetoRule): Ranked[] {
  const byScore = [...units].sort((a, b) => b.score - a.score)
  const scoreRank = new Map<number, number>()
  byScore.forEach((u, i) => scoreRank.set(u.unit, i > 0 && byScore[i - 1].score === u.score ? scoreRank.get(byScore[i - 1].unit)! : i + 1))

  const drop = rule.effect === 'dropPlaces' ? rule.places : 0
  const keyed = units.map((u) => ({
    ...u,
    scoreRank: scoreRank.get(u.unit)!,
    key: scoreRank.get(u.unit)! + drop * u.vetoes,
    excludedFromAwards: rule.effect === 'excludeFromAwards' && u.vetoes > 0,
  }))
  keyed.sort((a, b) => a.key - b.key || a.vetoes - b.vetoes || b.score - a.score)
  const same = (a: (typeof keyed)[number], b: (typeof keyed)[number]) => a.key === b.key && a.vetoes === b.vetoes && a.score === b.score
  const ranked: Ranked[] = []
  keyed.forEach((u, i) => ranked.push({ ...u, place: i > 0 && same(keyed[i - 1], u) ? ranked[i - 1].place : i + 1 }))
  return ranked
}

/** 95% Wilson score interval for a proportion: honest at small samples and at 0 or n successes. */
export function wilsonInterval(successes: number, n: number, z = 1.959963984540054): { rate: number; low: number; high: number } | null {
  if (n <= 0 || successes < 0 || successes > n) return null
  const p = successes / n
  const z2 = z * z
  const denominator = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denominator
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}
