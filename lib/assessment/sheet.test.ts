import { describe, expect, it } from 'vitest'
import { readValueSheet, valueTemplate } from './sheet'

const indicators = [
  { code: 'investment', name: '全社会固定资产投资', unit: '万元' },
  { code: 'fiscal', name: '财政税收', unit: '分' },
]
const townships = [
  { id: 1, name: '宁城街道' },
  { id: 2, name: '柴胡店镇' },
]

describe('the value sheet', () => {
  it('reads back its own template with the values already entered', async () => {
    const bytes = await valueTemplate(indicators, townships, new Map([['investment/1', 3040]]), '乡镇')
    const result = await readValueSheet(new Uint8Array(bytes), indicators, townships)
    expect(result).toEqual({
      ok: true,
      cells: [
        { code: 'investment', townshipId: 1, value: 3040 },
        { code: 'fiscal', townshipId: 1, value: null },
        { code: 'investment', townshipId: 2, value: null },
        { code: 'fiscal', townshipId: 2, value: null },
      ],
    })
  })

  it('refuses what is not an .xlsx, and an empty file', async () => {
    expect(await readValueSheet(new TextEncoder().encode('乡镇,投资\n宁城街道,1'), indicators, townships)).toEqual({
      ok: false,
      error: 'assessment.errors.notXlsx',
    })
    expect(await readValueSheet(new Uint8Array(), indicators, townships)).toEqual({ ok: false, error: 'assessment.errors.emptyFile' })
  })
})
