import { describe, expect, it } from 'vitest'
import { adjustmentFormSchema, decimalOf, valuesFormSchema } from './schemas'

describe('assessment form fields', () => {
  it('reads decimals as typed; an empty field is no value, never 0; text is not a number', () => {
    expect(decimalOf('12.5')).toBe(12.5)
    expect(decimalOf(' -10 ')).toBe(-10)
    expect(decimalOf('1,234')).toBe(1234)
    expect(decimalOf('0')).toBe(0)
    expect(decimalOf('')).toBeNull()
    expect(decimalOf('  ')).toBeNull()
    expect(decimalOf(undefined)).toBeNull()
    expect(decimalOf('约200')).toBeNaN()
    expect(decimalOf('1e5')).toBeNaN()
    expect(decimalOf(['1'])).toBeNaN()
  })

  it('collects the value table: empty cells clear a value, text is a field error naming the cell', () => {
    expect(valuesFormSchema.parse({ schemeId: '3', periodKey: '2026', 'v:investment:7': '100', 'v:investment:8': '', 'e:investment': ' 统计表 ' })).toEqual({
      schemeId: 3,
      periodKey: '2026',
      cells: [
        { code: 'investment', townshipId: 7, value: 100 },
        { code: 'investment', townshipId: 8, value: null },
      ],
      evidence: { investment: '统计表' },
      via: 'form',
    })
    const bad = valuesFormSchema.safeParse({ schemeId: '3', periodKey: '2026', 'v:investment:7': 'abc' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['v:investment:7', 'assessment.errors.notANumber']])
  })

  it('refuses an adjustment of 0 or of text, and one without points', () => {
    const base = { runId: '1', townshipId: '2', reason: '表扬', document: '文件' }
    expect(adjustmentFormSchema.parse({ ...base, points: '-15' }).points).toBe(-15)
    expect(adjustmentFormSchema.safeParse({ ...base, points: '0' }).error?.issues[0].message).toBe('assessment.errors.adjustmentPoints')
    expect(adjustmentFormSchema.safeParse({ ...base, points: 'ten' }).error?.issues[0].message).toBe('assessment.errors.adjustmentPoints')
    expect(adjustmentFormSchema.safeParse({ ...base, points: '' }).error?.issues[0].message).toBe('errors.required')
  })
})
