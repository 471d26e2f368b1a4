import { describe, expect, it } from 'vitest'
import {
  allocateSample,
  drawSample,
  isOverdue,
  rankRound,
  rectificationStep,
  sampleRates,
  scoreProblem,
  sheetProblems,
  sheetTotal,
  type SheetItem,
} from './inspection-rules'

const items: SheetItem[] = [
  { code: 'A1', group: '组织领导', name: '领导重视', maxPoints: 10, guidance: '' },
  { code: 'B1', group: '基础工作', name: '台账完整', maxPoints: 15, guidance: '每缺一项扣 1 分' },
]

describe('score sheets', () => {
  it('refuses a negative score, one above the maximum and one with three decimals; accepts 0 and the maximum', () => {
    expect(scoreProblem(-1, items[0])).toBe('negative')
    expect(scoreProblem(10.5, items[0])).toBe('aboveMaximum')
    expect(scoreProblem(9.125, items[0])).toBe('tooPrecise')
    expect(scoreProblem(0, items[0])).toBeNull()
    expect(scoreProblem(10, items[0])).toBeNull()
    expect(scoreProblem(9.25, items[0])).toBeNull()
  })
  it('adds the scored items and says when the sheet is complete', () => {
    expect(sheetTotal(items, new Map([['A1', 8.5]]))).toEqual({ total: 8.5, scored: 1, complete: false })
    expect(
      sheetTotal(
        items,
        new Map([
          ['A1', 8.1],
          ['B1', 14.2],
        ]),
      ),
    ).toEqual({ total: 22.3, scored: 2, complete: true })
  })
  it('finds duplicate codes, non-positive maxima and an empty sheet', () => {
    expect(sheetProblems([])).toEqual([{ kind: 'empty' }])
    expect(sheetProblems([...items, { ...items[0], maxPoints: 0 }])).toEqual([
      { kind: 'duplicateCode', code: 'A1' },
      { kind: 'badPoints', code: 'A1' },
    ])
  })
  it('ranks townships with equal totals on the same place (1, 2, 2, 4)', () => {
    const ranked = rankRound([
      { townshipId: 1, total: 90 },
      { townshipId: 2, total: 95 },
      { townshipId: 3, total: 90 },
      { townshipId: 4, total: 80 },
    ])
    expect(ranked.map((r) => [r.unit, r.place])).toEqual([
      [2, 1],
      [1, 2],
      [3, 2],
      [4, 4],
    ])
  })
})

describe('rectification states', () => {
  it('submits only with measures and evidence', () => {
    expect(rectificationStep('OPEN', 'submit', { measures: '', evidence: 1 })).toEqual({ ok: false, error: 'measuresRequired' })
    expect(rectificationStep('OPEN', 'submit', { measures: '已补齐台账', evidence: 0 })).toEqual({ ok: false, error: 'evidenceRequired' })
    expect(rectificationStep('OPEN', 'submit', { measures: '已补齐台账', evidence: 2 })).toEqual({ ok: true, next: 'SUBMITTED' })
  })
  it('closes (销号) only a submitted item with evidence', () => {
    expect(rectificationStep('SUBMITTED', 'close', { measures: 'x', evidence: 0 })).toEqual({ ok: false, error: 'evidenceRequired' })
    expect(rectificationStep('OPEN', 'close', { measures: 'x', evidence: 1 })).toEqual({ ok: false, error: 'notSubmitted' })
    expect(rectificationStep('SUBMITTED', 'close', { measures: 'x', evidence: 1 })).toEqual({ ok: true, next: 'CLOSED' })
  })
  it('a refusal needs a reason and sends the item back for re-inspection; a closed item takes no step', () => {
    expect(rectificationStep('SUBMITTED', 'refuse', { measures: 'x', evidence: 1, reason: ' ' })).toEqual({ ok: false, error: 'reasonRequired' })
    expect(rectificationStep('SUBMITTED', 'refuse', { measures: 'x', evidence: 1, reason: '照片不清' })).toEqual({ ok: true, next: 'OPEN' })
    expect(rectificationStep('CLOSED', 'submit', { measures: 'x', evidence: 1 })).toEqual({ ok: false, error: 'closed' })
  })
  it('is overdue after its due day while not closed', () => {
    expect(isOverdue({ status: 'OPEN', dueOn: '2026-06-30' }, '2026-06-30')).toBe(false)
    expect(isOverdue({ status: 'SUBMITTED', dueOn: '2026-06-30' }, '2026-07-01')).toBe(true)
    expect(isOverdue({ status: 'CLOSED', dueOn: '2026-06-30' }, '2026-07-01')).toBe(false)
  })
})

describe('sample verification', () => {
  // three villages of 50, 30 and 20 households
  const households = [
    ...Array.from({ length: 50 }, (_, i) => ({ id: 1000 + i, villageId: 1 })),
    ...Array.from({ length: 30 }, (_, i) => ({ id: 2000 + i, villageId: 2 })),
    ...Array.from({ length: 20 }, (_, i) => ({ id: 3000 + i, villageId: 3 })),
  ]

  it('the same seed gives the same sample, whatever the order the households come in', () => {
    const a = drawSample(households, 20, 'seed-2026')
    const b = drawSample([...households].reverse(), 20, 'seed-2026')
    expect(b).toEqual(a)
    expect(drawSample(households, 20, 'another-seed')).not.toEqual(a)
  })
  it('is stratified by village in proportion to its households, without repeats', () => {
    const sample = drawSample(households, 20, 's')
    const per = (v: number) => sample.filter((h) => h.villageId === v).length
    expect([per(1), per(2), per(3)]).toEqual([10, 6, 4])
    expect(new Set(sample.map((h) => h.id)).size).toBe(20)
    for (const h of sample) expect(households).toContainEqual(h)
  })
  it('allocates the remainders to the largest fractions and never more than a village has', () => {
    expect([
      ...allocateSample(
        new Map([
          [1, 1],
          [2, 1],
          [3, 1],
        ]),
        2,
      ),
    ]).toEqual([
      [1, 1],
      [2, 1],
      [3, 0],
    ])
    expect([
      ...allocateSample(
        new Map([
          [1, 2],
          [2, 98],
        ]),
        150,
      ),
    ]).toEqual([
      [1, 2],
      [2, 98],
    ])
    // 3.5 and 1.5: the tied remainder goes to the lower village id
    expect([
      ...allocateSample(
        new Map([
          [1, 7],
          [2, 3],
        ]),
        5,
      ),
    ]).toEqual([
      [1, 4],
      [2, 1],
    ])
  })
  it('computes the error and missing-registration rates over the verified households, with Wilson intervals', () => {
    const r = sampleRates(['CORRECT', 'CORRECT', 'FIELD_WRONG', 'NOT_FOUND', 'UNREGISTERED', null])
    expect(r.drawn).toBe(6)
    expect(r.checked).toBe(5)
    expect(r.errorRate!.rate).toBeCloseTo(0.4)
    // Wilson 95% for 2 of 5: 0.1176 to 0.7693 (hand-computed)
    expect(r.errorRate!.low).toBeCloseTo(0.1176, 3)
    expect(r.errorRate!.high).toBeCloseTo(0.7693, 3)
    expect(r.missingRate!.rate).toBeCloseTo(0.2)
    expect(sampleRates([null, null]).errorRate).toBeNull()
  })
})
