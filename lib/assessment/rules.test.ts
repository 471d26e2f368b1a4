import { describe, expect, it } from 'vitest'
import { buildScheme, rank, roundPoints, scoreIndicator, scoreScheme, wilsonInterval, type FlatNode, type IndicatorNode, type SchemeTree } from './rules'

const A = 1
const B = 2
const C = 3
const D = 4

function indicator(method: IndicatorNode['method'], maxPoints = 10): IndicatorNode {
  return { kind: 'indicator', code: 'x', name: 'x', maxPoints, method }
}

function points(node: IndicatorNode, values: Record<number, number | null>) {
  const units = Object.keys(values).map(Number)
  const scores = scoreIndicator(node, new Map(units.map((u) => [u, values[u]])), units)
  return Object.fromEntries(units.map((u) => [u, scores.get(u)!.points]))
}

describe('scoring methods, computed by hand', () => {
  it('proportional to the best: the best gets the maximum, the others maximum × value ÷ best', () => {
    const node = indicator({ kind: 'proportional', better: 'higher' }, 700)
    expect(points(node, { [A]: 3040, [B]: 1520, [C]: 0 })).toEqual({ [A]: 700, [B]: 350, [C]: 0 })
    const formula = scoreIndicator(
      node,
      new Map([
        [B, 1520],
        [A, 3040],
      ]),
      [A, B],
    ).get(B)!.formula
    expect(formula).toBe('700 × 1520 ÷ 3040 = 350')
  })

  it('proportional when lower is better: maximum × best ÷ value', () => {
    expect(points(indicator({ kind: 'proportional', better: 'lower' }), { [A]: 2, [B]: 4, [C]: 8 })).toEqual({ [A]: 10, [B]: 5, [C]: 2.5 })
  })

  it('proportional with a best value of zero gives everyone 0, not a division by zero', () => {
    const node = indicator({ kind: 'proportional', better: 'higher' })
    expect(points(node, { [A]: 0, [B]: 0 })).toEqual({ [A]: 0, [B]: 0 })
    expect(points(node, { [A]: 0, [B]: -3 })).toEqual({ [A]: 0, [B]: 0 })
  })

  it('a missing value scores 0 and says so', () => {
    const node = indicator({ kind: 'proportional', better: 'higher' })
    const scores = scoreIndicator(node, new Map([[A, 5]]), [A, B])
    expect(scores.get(B)).toMatchObject({ value: null, points: 0, formula: 'no value: 0' })
    expect(scores.get(A)!.points).toBe(10)
  })

  it('deduction: k points per unit of shortfall, floored at 0', () => {
    const perPoint = indicator({ kind: 'deduction', target: 95, perUnit: 2, better: 'higher' }, 20)
    expect(points(perPoint, { [A]: 96, [B]: 95, [C]: 90, [D]: 80 })).toEqual({ [A]: 20, [B]: 20, [C]: 10, [D]: 0 })
    const perDayLate = indicator({ kind: 'deduction', target: 0, perUnit: 1, better: 'lower' }, 20)
    expect(points(perDayLate, { [A]: 0, [B]: 3, [C]: 40 })).toEqual({ [A]: 20, [B]: 17, [C]: 0 })
  })

  it('threshold: full points when met, otherwise 0 or proportional as the scheme says', () => {
    const allOrNothing = indicator({ kind: 'threshold', target: 90, partial: 'none', better: 'higher' })
    expect(points(allOrNothing, { [A]: 90, [B]: 89.9 })).toEqual({ [A]: 10, [B]: 0 })
    const partial = indicator({ kind: 'threshold', target: 80, partial: 'proportional', better: 'higher' })
    expect(points(partial, { [A]: 60, [B]: 85 })).toEqual({ [A]: 7.5, [B]: 10 })
    const lowerPartial = indicator({ kind: 'threshold', target: 2, partial: 'proportional', better: 'lower' })
    expect(points(lowerPartial, { [A]: 4, [B]: 1 })).toEqual({ [A]: 5, [B]: 10 })
  })

  it('penalty subtracts per case, with no maximum; manual points are capped at the maximum', () => {
    expect(points(indicator({ kind: 'penalty', perUnit: 5 }, 0), { [A]: 3, [B]: 0 })).toEqual({ [A]: -15, [B]: 0 })
    expect(points(indicator({ kind: 'manual' }), { [A]: 12, [B]: 7.5, [C]: -1 })).toEqual({ [A]: 10, [B]: 7.5, [C]: 0 })
  })

  it('rounds to two decimals without binary noise', () => {
    expect(roundPoints(0.1 + 0.2)).toBe(0.3)
    expect(roundPoints(1.005)).toBe(1.01)
    expect(roundPoints(-2.345)).toBe(-2.35)
  })
})

describe('group normalisation', () => {
  it("gives the group's maximum × the unit's sum ÷ the best unit's sum", () => {
    const scheme: SchemeTree = {
      maxPoints: 300,
      veto: { effect: 'dropPlaces', places: 2 },
      children: [
        {
          kind: 'group',
          code: 'other',
          name: 'other',
          maxPoints: 300,
          combine: 'normalise',
          children: [
            { kind: 'indicator', code: 'i1', name: 'i1', maxPoints: 50, method: { kind: 'manual' } },
            { kind: 'indicator', code: 'i2', name: 'i2', maxPoints: 50, method: { kind: 'manual' } },
          ],
        },
      ],
    }
    const values = new Map([
      [
        'i1',
        new Map([
          [A, 40],
          [B, 45],
          [C, 0],
        ]),
      ],
      [
        'i2',
        new Map([
          [A, 50],
          [B, 0],
          [C, 0],
        ]),
      ],
    ])
    const results = scoreScheme(scheme, values, [A, B, C])
    expect(results.map((r) => r.total)).toEqual([300, 150, 0])
    expect(results[1].groups.get('other')).toMatchObject({ rawSum: 45, points: 150, formula: '300 × 45 ÷ 90 = 150' })
  })
})

describe('the ranking rule', () => {
  const noVeto = { effect: 'dropPlaces', places: 2 } as const

  it('equal scores share a rank: 1, 2, 2, 4', () => {
    const ranked = rank(
      [
        { unit: A, score: 95, vetoes: 0 },
        { unit: B, score: 90, vetoes: 0 },
        { unit: C, score: 90, vetoes: 0 },
        { unit: D, score: 80, vetoes: 0 },
      ],
      noVeto,
    )
    expect(ranked.map((r) => [r.unit, r.place])).toEqual([
      [A, 1],
      [B, 2],
      [C, 2],
      [D, 4],
    ])
  })

  it('a veto on the first place drops it two places; at an equal key fewer vetoes go first', () => {
    // ranks A1 B2 C3 D4; keys A 1+2=3, B 2, C 3, D 4 → B, then C (0 vetoes) before A (1), then D
    const ranked = rank(
      [
        { unit: A, score: 95, vetoes: 1 },
        { unit: B, score: 90, vetoes: 0 },
        { unit: C, score: 85, vetoes: 0 },
        { unit: D, score: 80, vetoes: 0 },
      ],
      noVeto,
    )
    expect(ranked.map((r) => [r.unit, r.key, r.place])).toEqual([
      [B, 2, 1],
      [C, 3, 2],
      [A, 3, 3],
      [D, 4, 4],
    ])
  })

  it('several vetoes drop a unit N places each; a tie with vetoes keeps the higher score first', () => {
    // ranks: A1 B2 C3 D4 E5; keys: A 1+4=5, B 2+2=4, C 3, D 4, E 5
    const ranked = rank(
      [
        { unit: A, score: 99, vetoes: 2 },
        { unit: B, score: 90, vetoes: 1 },
        { unit: C, score: 85, vetoes: 0 },
        { unit: D, score: 80, vetoes: 0 },
        { unit: 5, score: 70, vetoes: 0 },
      ],
      noVeto,
    )
    expect(ranked.map((r) => r.unit)).toEqual([C, D, B, 5, A])
    expect(ranked.map((r) => r.place)).toEqual([1, 2, 3, 4, 5])
  })

  it('excluded from awards keeps the place by score and marks the unit', () => {
    const ranked = rank(
      [
        { unit: A, score: 95, vetoes: 1 },
        { unit: B, score: 90, vetoes: 0 },
      ],
      { effect: 'excludeFromAwards' },
    )
    expect(ranked.map((r) => [r.unit, r.place, r.excludedFromAwards])).toEqual([
      [A, 1, true],
      [B, 2, false],
    ])
  })
})

describe('building a scheme from its flat form', () => {
  const veto = { effect: 'dropPlaces', places: 2 } as const
  const manual = { kind: 'manual' } as const

  it('builds the tree when every group adds up', () => {
    const nodes: FlatNode[] = [
      { code: 'g', name: 'g', parent: null, maxPoints: 100, combine: 'sum' },
      { code: 'a', name: 'a', parent: 'g', maxPoints: 60, method: manual },
      { code: 'b', name: 'b', parent: 'g', maxPoints: 40, method: manual },
      { code: 'p', name: 'p', parent: null, maxPoints: 0, method: { kind: 'penalty', perUnit: 5 } },
    ]
    const built = buildScheme(nodes, 100, veto)
    expect(built.ok).toBe(true)
  })

  it('refuses points that do not add up, cycles, unknown parents and duplicate codes', () => {
    const built = buildScheme(
      [
        { code: 'g', name: 'g', parent: null, maxPoints: 100, combine: 'sum' },
        { code: 'a', name: 'a', parent: 'g', maxPoints: 60, method: manual },
        { code: 'b', name: 'b', parent: 'g', maxPoints: 30, method: manual },
      ],
      100,
      veto,
    )
    expect(built).toEqual({ ok: false, problems: [{ kind: 'pointsDoNotAddUp', code: 'g', expected: 100, actual: 90 }] })

    const cyclic = buildScheme(
      [
        { code: 'x', name: 'x', parent: 'y', maxPoints: 10, combine: 'sum' },
        { code: 'y', name: 'y', parent: 'x', maxPoints: 10, combine: 'sum' },
        { code: 'z', name: 'z', parent: 'nowhere', maxPoints: 10, method: manual },
        { code: 'z', name: 'z', parent: null, maxPoints: 10, method: manual },
      ],
      10,
      veto,
    )
    expect(cyclic.ok).toBe(false)
    const kinds = !cyclic.ok ? cyclic.problems.map((p) => p.kind).sort() : []
    expect(kinds).toEqual(['cycle', 'duplicateCode', 'unknownParent'])
  })
})

describe('the 2003 宁津县 township scheme in the engine', () => {
  // 1,000 points: 700 for total investment (proportional to the best), 300 for six other items
  // (group normalisation), −5 per unmet statistical task, −10 per failed inspection, adjustments,
  // vetoes dropping two places each. Three townships, computed by hand below.
  const nodes: FlatNode[] = [
    { code: 'econ', name: '经济发展', parent: null, maxPoints: 700, combine: 'sum' },
    { code: 'investment', name: '全社会固定资产投资', parent: 'econ', maxPoints: 700, method: { kind: 'proportional', better: 'higher' } },
    { code: 'other', name: '其他六项', parent: null, maxPoints: 300, combine: 'normalise' },
    ...['o1', 'o2', 'o3', 'o4', 'o5', 'o6'].map((code) => ({ code, name: code, parent: 'other', maxPoints: 50, method: { kind: 'manual' } as const })),
    { code: 'tasks', name: '统计任务未完成', parent: null, maxPoints: 0, method: { kind: 'penalty', perUnit: 5 } },
    { code: 'inspections', name: '统计检查不合格', parent: null, maxPoints: 0, method: { kind: 'penalty', perUnit: 10 } },
  ]

  it('scores and ranks three townships as computed by hand', () => {
    const built = buildScheme(nodes, 1000, { effect: 'dropPlaces', places: 2 })
    if (!built.ok) throw new Error(JSON.stringify(built.problems))
    const v = (a: number, b: number, c: number) =>
      new Map([
        [A, a],
        [B, b],
        [C, c],
      ])
    const values = new Map([
      ['investment', v(20000, 16000, 10000)], // A 700, B 560, C 350
      ['o1', v(50, 40, 50)],
      ['o2', v(50, 40, 50)],
      ['o3', v(50, 40, 50)],
      ['o4', v(50, 40, 50)],
      ['o5', v(40, 40, 50)],
      ['o6', v(40, 40, 50)], // sums A 280, B 240, C 300 → A 280, B 240, C 300
      ['tasks', v(1, 0, 0)], // A −5
      ['inspections', v(0, 1, 0)], // B −10
    ])
    const adjustments = [
      { unit: C, points: 20, reason: '通报表扬', document: '宁政发〔2003〕12号' },
      { unit: B, points: -10, reason: '通报批评', document: '宁政发〔2003〕15号' },
    ]
    const results = scoreScheme(built.scheme, values, [A, B, C], adjustments, new Map([[A, 1]]))
    // A: 700 + 280 − 5 = 975; B: 560 + 240 − 10 − 10 = 780; C: 350 + 300 + 20 = 670
    expect(results.map((r) => r.total)).toEqual([975, 780, 670])
    // A has one veto: key 1 + 2 = 3, behind C's key 3 (fewer vetoes first)
    const ranked = rank(
      results.map((r) => ({ unit: r.unit, score: r.total, vetoes: r.vetoes })),
      built.scheme.veto,
    )
    expect(ranked.map((r) => [r.unit, r.place])).toEqual([
      [B, 1],
      [C, 2],
      [A, 3],
    ])
  })
})

describe('the Wilson interval', () => {
  it('matches the published values at 5 of 10 and 0 of 10', () => {
    const half = wilsonInterval(5, 10)!
    expect(half.rate).toBe(0.5)
    expect(half.low).toBeCloseTo(0.2366, 4)
    expect(half.high).toBeCloseTo(0.7634, 4)
    const none = wilsonInterval(0, 10)!
    expect(none.low).toBe(0)
    expect(none.high).toBeCloseTo(0.2775, 4)
  })

  it('has no interval without a sample', () => {
    expect(wilsonInterval(0, 0)).toBeNull()
    expect(wilsonInterval(3, 2)).toBeNull()
  })
})
