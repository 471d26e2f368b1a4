import { describe, expect, it } from 'vitest'
import { regionChangeSchema } from './history-schemas'

const doc = { effectiveOn: '2025-01-01', documentNo: '鲁政字〔2024〕88号', documentTitle: '批复', mode: 'preview' }

describe('the region-change form', () => {
  it('reads a split: the filled new townships and the villages’ assignments', () => {
    const parsed = regionChangeSchema.parse({
      kind: 'SPLIT',
      townshipId: '7',
      ...doc,
      code0: '371422001000',
      name0: '宁城街道',
      code1: '371422002000',
      name1: '津城街道',
      code2: '',
      name2: '',
      assign_11: '0',
      assign_12: '1',
      assign_13: '',
    })
    expect(parsed).toMatchObject({ kind: 'SPLIT', townshipId: 7, parts: [{ name: '宁城街道' }, { name: '津城街道' }] })
    expect(parsed.kind === 'SPLIT' && [...parsed.assign.entries()]).toEqual([
      [11, 0],
      [12, 1],
    ])
  })
  it('reports an empty or wrong field on that field', () => {
    const empty = regionChangeSchema.safeParse({ kind: 'SPLIT', townshipId: '', effectiveOn: '', documentNo: '', documentTitle: '', code0: '12', name0: '' })
    const fields = empty.error!.issues.map((i) => i.path.join('.'))
    expect(fields).toEqual(expect.arrayContaining(['townshipId', 'effectiveOn', 'documentNo', 'documentTitle', 'code0']))
    const half = regionChangeSchema.safeParse({ kind: 'SPLIT', townshipId: '7', ...doc, code0: '371422001000', name0: '' })
    expect(half.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['name0', 'errors.required']])
  })
  it('reads the checked townships of a merger and refuses an unknown kind', () => {
    const parsed = regionChangeSchema.parse({ kind: 'MERGE', code: '371422003000', name: '新镇', ...doc, merge_4: 'on', merge_5: 'on', merge_6: '' })
    expect(parsed.kind === 'MERGE' && parsed.townshipIds).toEqual([4, 5])
    expect(regionChangeSchema.safeParse({ kind: 'DISSOLVE', ...doc }).success).toBe(false)
  })
})
