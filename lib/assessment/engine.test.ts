import { describe, expect, it } from 'vitest'
import { computeResults, type FrozenInput, type SchemeSnapshot } from './engine'

// The 2003-style scheme in small: 100 points, 70 for investment (proportional to the best), 30 for
// two items normalised as a group, a −5 penalty per unmet task, vetoes dropping two places.
const snapshot: SchemeSnapshot = {
  id: 1,
  key: 'small',
  version: 1,
  name: '小方案',
  maxPoints: 100,
  veto: { effect: 'dropPlaces', places: 2 },
  nodes: [
    {
      code: 'inv',
      name: '投资',
      parent: null,
      maxPoints: 70,
      method: { kind: 'proportional', better: 'higher' },
      source: 'manual',
      unit: '万元',
      description: '',
    },
    { code: 'other', name: '其他', parent: null, maxPoints: 30, combine: 'normalise', source: null, unit: '', description: '' },
    { code: 'a', name: '甲', parent: 'other', maxPoints: 15, method: { kind: 'manual' }, source: 'manual', unit: '', description: '' },
    { code: 'b', name: '乙', parent: 'other', maxPoints: 15, method: { kind: 'manual' }, source: 'manual', unit: '', description: '' },
    { code: 'tasks', name: '未完成任务', parent: null, maxPoints: 0, method: { kind: 'penalty', perUnit: 5 }, source: 'manual', unit: '项', description: '' },
  ],
}
const townships = [
  { id: 1, name: '甲镇' },
  { id: 2, name: '乙镇' },
  { id: 3, name: '丙镇' },
]
const input = (code: string, townshipId: number, value: number | null): FrozenInput => ({
  code,
  townshipId,
  value,
  source: 'manual',
  at: '2026-01-01T00:00:00.000Z',
  evidence: '统计表',
})
// 甲: 70 × 200/200 = 70; items 15 + 15 = 30 → 30 × 30/30 = 30; total 100
// 乙: 70 × 100/200 = 35; items 10 + 5 = 15 → 30 × 15/30 = 15; one task −5; +10 commendation; total 55
// 丙: no investment value: 0; items 15 + 12 = 27 → 27; total 27
const inputs = [
  input('inv', 1, 200),
  input('inv', 2, 100),
  input('inv', 3, null),
  input('a', 1, 15),
  input('b', 1, 15),
  input('a', 2, 10),
  input('b', 2, 5),
  input('a', 3, 15),
  input('b', 3, 12),
  input('tasks', 2, 1),
]

describe('computeResults', () => {
  it('scores, explains and places each township from the frozen inputs', () => {
    const results = computeResults(snapshot, inputs, townships, {
      adjustments: [{ townshipId: 2, points: 10, reason: '表扬', document: '文件 1' }],
      vetoes: [{ townshipId: 1, reason: '事故', document: '文件 2' }],
    })
    expect(results.map((r) => [r.name, r.total, r.scoreRank, r.place, r.vetoes])).toEqual([
      // 甲's veto: key 1 + 2 = 3, equal to 丙's 3; fewer vetoes first puts 丙 second and 甲 third
      ['甲镇', 100, 1, 3, 1],
      ['乙镇', 55, 2, 1, 0],
      ['丙镇', 27, 3, 2, 0],
    ])
    const b = results[1].breakdown
    expect(b.indicators.map((i) => [i.code, i.value, i.formula, i.points])).toEqual([
      ['inv', 100, '70 × 100 ÷ 200 = 35', 35],
      ['a', 10, 'entered: 10', 10],
      ['b', 5, 'entered: 5', 5],
      ['tasks', 1, '−5 × 1 = -5', -5],
    ])
    expect(b.groups).toEqual([
      { code: 'other', name: '其他', parent: null, maxPoints: 30, combine: 'normalise', rawSum: 15, points: 15, formula: '30 × 15 ÷ 30 = 15' },
    ])
    expect(b.adjustments).toEqual([{ points: 10, reason: '表扬', document: '文件 1' }])
    expect(results[0].breakdown.vetoes).toEqual([{ reason: '事故', document: '文件 2' }])
    expect(results[2].breakdown.indicators[0]).toMatchObject({ value: null, formula: 'no value: 0', points: 0, evidence: '统计表' })
  })

  it('gives identical results when computed again', () => {
    const entries = { adjustments: [{ townshipId: 3, points: -10, reason: '批评', document: '文件 3' }], vetoes: [] }
    expect(computeResults(snapshot, inputs, townships, entries)).toEqual(computeResults(snapshot, [...inputs].reverse(), townships, entries))
  })
})
