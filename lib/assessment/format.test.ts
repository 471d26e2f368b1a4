import { describe, expect, it } from 'vitest'
import { parseSchemeFile, schemeToFile, SCHEME_FORMAT } from './format'
import { NINGJIN_2003, NINGJIN_POPULATION } from '@/prisma/seed/assessment-schemes'

const known = (key: string) => ['manual', 'reports.onTimeRate', 'reports.registrationTimeliness', 'quality.openPer1000', 'quality.closedWithin30'].includes(key)
const parse = (value: unknown) => parseSchemeFile(JSON.stringify(value), known)
const kinds = (value: unknown) => {
  const result = parse(value)
  return result.ok ? [] : result.problems.map((p) => p.kind)
}

describe('scheme files', () => {
  it('accepts the demo schemes and exports them back to the same file', () => {
    for (const file of [NINGJIN_2003, NINGJIN_POPULATION]) {
      const result = parse(file)
      expect(result.ok).toBe(true)
      if (!result.ok) continue
      const exported = schemeToFile({ ...result.scheme.file, nodes: result.scheme.nodes })
      expect(parse(exported)).toEqual(result)
    }
  })

  it('reads a node without a source as entered by hand, and a group without combine as a sum', () => {
    const result = parse({
      format: SCHEME_FORMAT,
      key: 'small',
      name: '小方案',
      maxPoints: 10,
      veto: { effect: 'excludeFromAwards' },
      nodes: [
        { code: 'g', name: '组', parent: null, maxPoints: 10 },
        { code: 'a', name: '甲', parent: 'g', maxPoints: 10, method: { kind: 'manual' } },
      ],
    })
    expect(result.ok && result.scheme.nodes.map((n) => [n.code, n.combine ?? null, n.source])).toEqual([
      ['g', 'sum', null],
      ['a', null, 'manual'],
    ])
  })

  it('names every problem: not JSON, wrong format, unknown method, unknown source, cycle, points that do not add up', () => {
    expect(parseSchemeFile('{ nodes: [', known)).toEqual({ ok: false, problems: [{ kind: 'notJson' }] })
    expect(parse({ ...NINGJIN_2003, format: 'other/1' })).toEqual({ ok: false, problems: [{ kind: 'field', path: 'format' }] })
    expect(parse({ ...NINGJIN_2003, nodes: NINGJIN_2003.nodes.map((n) => (n.code === 'fiscal' ? { ...n, maxPoints: 'fifty' } : n)) })).toEqual({
      ok: false,
      problems: [{ kind: 'field', path: 'fiscal.maxPoints' }],
    })
    expect(parse({ ...NINGJIN_2003, nodes: NINGJIN_2003.nodes.map((n) => (n.code === 'fiscal' ? { ...n, method: { kind: 'ranking' } } : n)) })).toEqual({
      ok: false,
      problems: [{ kind: 'unknownMethod', code: 'fiscal', method: 'ranking' }],
    })
    expect(
      kinds({ ...NINGJIN_POPULATION, nodes: NINGJIN_POPULATION.nodes.map((n) => (n.code === 'onTime' ? { ...n, source: 'services.coverage' } : n)) }),
    ).toEqual(['unknownSource'])
    expect(kinds({ ...NINGJIN_2003, nodes: NINGJIN_2003.nodes.map((n) => (n.code === 'econ' ? { ...n, parent: 'investment' } : n)) })).toEqual(['cycle'])
    expect(parse({ ...NINGJIN_2003, nodes: NINGJIN_2003.nodes.map((n) => (n.code === 'stability' ? { ...n, maxPoints: 40 } : n)) })).toEqual({
      ok: false,
      problems: [{ kind: 'pointsDoNotAddUp', code: 'other', expected: 300, actual: 290 }],
    })
    expect(kinds({ ...NINGJIN_2003, nodes: [...NINGJIN_2003.nodes, { ...NINGJIN_2003.nodes[1] }] })).toContain('duplicateCode')
    expect(kinds({ ...NINGJIN_2003, nodes: NINGJIN_2003.nodes.map((n) => (n.code === 'econ' ? { ...n, source: 'manual' } : n)) })).toEqual(['groupWithSource'])
  })
})
