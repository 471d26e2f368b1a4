import { describe, expect, it } from 'vitest'
import { isMessageKey } from '@/lib/i18n/core'
import { parseTemplateLines, sampleFormSchema, sampleRecordSchema, scoresFormSchema, teamFormSchema } from './inspection-schemas'

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.error?.issues ?? []).map((i) => i.message)

describe('inspection forms', () => {
  it('refuses a wrong field left unnamed, a bad seed and a sample size in words, each with a message the user can read', () => {
    const wrong = messages(sampleRecordSchema.safeParse({ sampleHouseholdId: '1', outcome: 'FIELD_WRONG', wrongField: '' }))
    expect(wrong).toEqual(['inspections.errors.wrongFieldRequired'])
    const sample = messages(sampleFormSchema.safeParse({ townshipId: '1', statYear: '2026', size: '三', seed: 'a b' }))
    expect(sample).toEqual(['inspections.errors.sampleSize', 'inspections.errors.seedFormat'])
    for (const m of [...wrong, ...sample]) expect(isMessageKey(m)).toBe(true)
  })
  it('reads a score sheet: an empty points field is "not scored", a word is an error at its item', () => {
    const ok = scoresFormSchema.safeParse({ roundId: '1', townshipId: '2', 'p:A1': '7.5', 'n:A1': ' 好 ', 'p:B1': '' })
    expect(ok.success && ok.data.scores).toEqual([
      { code: 'A1', points: 7.5, note: '好' },
      { code: 'B1', points: null, note: '' },
    ])
    const bad = scoresFormSchema.safeParse({ roundId: '1', townshipId: '2', 'p:A1': '七' })
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['p:A1', 'assessment.errors.notANumber']])
  })
  it('collects a team from its checkboxes and asks for at least one of each', () => {
    expect(teamFormSchema.safeParse({ roundId: '1', name: '一组', 'm:5': 'on', 't:7': 'on', 't:8': 'on' }).data).toEqual({
      roundId: 1,
      name: '一组',
      memberIds: [5],
      townshipIds: [7, 8],
    })
    expect(messages(teamFormSchema.safeParse({ roundId: '1', name: '一组' }))).toEqual([
      'inspections.errors.chooseInspector',
      'inspections.errors.chooseTownship',
    ])
  })
  it('parses template lines and names the first line that does not parse', () => {
    expect(parseTemplateLines('组织领导 | A1 | 领导重视 | 10 | 未研究扣 5 分\n\n基础工作｜B1｜台账｜15')).toEqual({
      ok: true,
      items: [
        { group: '组织领导', code: 'A1', name: '领导重视', maxPoints: 10, guidance: '未研究扣 5 分' },
        { group: '基础工作', code: 'B1', name: '台账', maxPoints: 15, guidance: '' },
      ],
    })
    expect(parseTemplateLines('组织领导 | A1 | 领导重视 | 十')).toEqual({ ok: false, line: 1 })
  })
})
