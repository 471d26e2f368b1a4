import { describe, expect, it } from 'vitest'
import { freeText, nameText, username } from './fields'

const name = nameText(50)
const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0].message

describe('names', () => {
  it('accepts Chinese, minority and Latin names', () => {
    for (const ok of ['宁津镇', '东王庄村', '阿依古丽·买买提', 'Zhang San', '第一村民小组', '柴胡店镇（街道）']) {
      expect(name.safeParse(ok).success).toBe(true)
    }
  })
  it('trims, and refuses empty input', () => {
    expect(name.parse('  宁津镇 ')).toBe('宁津镇')
    expect(firstMessage(name.safeParse('   '))).toBe('errors.required')
    expect(firstMessage(name.safeParse(undefined))).toBe('errors.required')
  })
  it('refuses overlong input', () => {
    expect(firstMessage(name.safeParse('村'.repeat(10_000)))).toBe('errors.tooLong')
  })
  it('refuses markup, SQL fragments, emoji and control characters with a message', () => {
    expect(firstMessage(name.safeParse('<script>alert(1)</script>'))).toBe('errors.nameCharacters')
    expect(firstMessage(name.safeParse("x'; DROP TABLE \"Region\"; --"))).toBe('errors.nameCharacters')
    expect(firstMessage(name.safeParse('幸福村😀'))).toBe('errors.nameCharacters')
    expect(firstMessage(name.safeParse('幸福\u0000村'))).toBe('errors.controlCharacters')
    expect(firstMessage(name.safeParse('幸福\u202e村'))).toBe('errors.controlCharacters')
  })
})

describe('usernames', () => {
  it('lower-cases and accepts the allowed shape', () => {
    expect(username.parse(' NJZ.Staff ')).toBe('njz.staff')
  })
  it('refuses other shapes', () => {
    for (const bad of ['ab', '.hidden', '张三', 'a b c', "admin'--", 'x'.repeat(33)]) expect(username.safeParse(bad).success).toBe(false)
  })
})

describe('free text', () => {
  it('keeps punctuation but not control characters', () => {
    expect(freeText(100).parse('因区划调整改名；见县政府文件〔2026〕3号。')).toContain('〔2026〕')
    expect(firstMessage(freeText(100).safeParse('a\u0007b'))).toBe('errors.controlCharacters')
  })
})

describe('ids and choices from forms', () => {
  it('reads a positive whole number; empty is required, anything else invalid', async () => {
    const { id, choice } = await import('./fields')
    expect(id.parse(' 42 ')).toBe(42)
    expect(firstMessage(id.safeParse(''))).toBe('errors.required')
    expect(firstMessage(id.safeParse(undefined))).toBe('errors.required')
    for (const bad of ['0', '-1', '1.5', '1e3', '99999999999', "1; DROP TABLE x"]) expect(firstMessage(id.safeParse(bad)), bad).toBe('errors.invalid')
    const role = choice(['A', 'B'] as const)
    expect(firstMessage(role.safeParse(undefined))).toBe('errors.required')
    expect(firstMessage(role.safeParse('C'))).toBe('errors.invalid')
  })
})
