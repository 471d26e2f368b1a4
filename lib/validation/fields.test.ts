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
    expect(firstMessage(name.safeParse('x\'; DROP TABLE "Region"; --'))).toBe('errors.nameCharacters')
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
    for (const bad of ['0', '-1', '1.5', '1e3', '99999999999', '1; DROP TABLE x']) expect(firstMessage(id.safeParse(bad)), bad).toBe('errors.invalid')
    const role = choice(['A', 'B'] as const)
    expect(firstMessage(role.safeParse(undefined))).toBe('errors.required')
    expect(firstMessage(role.safeParse('C'))).toBe('errors.invalid')
  })
})

describe('optional fields: an empty form field means "no filter"', () => {
  it('reads "", spaces and an absent field as undefined, not 0', async () => {
    const { optionalInt, optionalId, optionalChoice, optionalDate, optionalMonth } = await import('./fields')
    for (const blank of ['', '  ', '\t', undefined]) {
      expect(optionalInt(0, 130).parse(blank), JSON.stringify(blank)).toBeUndefined()
      expect(optionalId.parse(blank)).toBeUndefined()
      expect(optionalChoice(['A', 'B'] as const).parse(blank)).toBeUndefined()
      expect(optionalDate.parse(blank)).toBeUndefined()
      expect(optionalMonth.parse(blank)).toBeUndefined()
    }
  })
  it('keeps 0 where the range allows it, and refuses it where it does not', async () => {
    const { optionalInt, optionalId } = await import('./fields')
    expect(optionalInt(0, 130).parse('0')).toBe(0)
    expect(optionalInt(0, 130).parse(' 42 ')).toBe(42)
    expect(optionalInt(0, 130).parse(7)).toBe(7)
    expect(firstMessage(optionalInt(1, 130).safeParse('0'))).toBe('errors.invalid')
    expect(firstMessage(optionalId.safeParse('0'))).toBe('errors.invalid')
  })
  it('refuses out-of-range, fractional, foreign and repeated values with the given message key', async () => {
    const { optionalInt, optionalId, optionalChoice } = await import('./fields')
    const age = optionalInt(0, 130, { invalid: 'registry.errors.ageRange', range: 'registry.errors.ageRange' })
    for (const bad of ['200', '-1', '1.5', '1e3', 'abc', '99999999999999999999', ['1', '2']])
      expect(firstMessage(age.safeParse(bad)), String(bad)).toBe('registry.errors.ageRange')
    for (const bad of ['2147483648', '-5', '1.0', ['3', '4']]) expect(firstMessage(optionalId.safeParse(bad)), String(bad)).toBe('errors.invalid')
    expect(optionalId.parse('2147483647')).toBe(2_147_483_647)
    expect(firstMessage(optionalChoice(['A', 'B'] as const).safeParse('C'))).toBe('errors.invalid')
  })
  it('requires a required number, and keeps 0 in it', async () => {
    const { requiredInt } = await import('./fields')
    expect(firstMessage(requiredInt(0, 10).safeParse(''))).toBe('errors.required')
    expect(firstMessage(requiredInt(0, 10).safeParse(undefined))).toBe('errors.required')
    expect(requiredInt(0, 10).parse('0')).toBe(0)
  })
  it('accepts real dates and months only', async () => {
    const { optionalDate, optionalMonth } = await import('./fields')
    expect(optionalDate.parse(' 2026-02-28 ')).toBe('2026-02-28')
    for (const bad of ['2026-02-30', '2026-13-45', '0000-01-01', '26-1-1', '2026-01-01T00:00', ['2026-01-01']])
      expect(firstMessage(optionalDate.safeParse(bad)), String(bad)).toBe('errors.invalidDate')
    expect(optionalMonth.parse('2026-10')).toBe('2026-10')
    for (const bad of ['0000-01', '2026-13', '2026-00', '2026-1']) expect(firstMessage(optionalMonth.safeParse(bad)), bad).toBe('errors.invalidDate')
  })
  it('reads page numbers and route ids without throwing', async () => {
    const { page, routeId } = await import('./fields')
    expect(page.parse('3')).toBe(3)
    for (const bad of ['', '0', '-1', '100001', 'x', ['2', '3'], undefined]) expect(page.parse(bad)).toBe(1)
    expect(routeId('12')).toBe(12)
    for (const bad of ['0', '-1', '2147483648', '1e3', '01', 'abc', undefined, ['1']]) expect(routeId(bad)).toBeNull()
  })
})

describe('search text', () => {
  it('is trimmed, empty when absent, and refuses control characters such as NUL', async () => {
    const { queryText } = await import('./fields')
    expect(queryText(50).parse(undefined)).toBe('')
    expect(queryText(50).parse('  王 ')).toBe('王')
    expect(firstMessage(queryText(50).safeParse('a\u0000b'))).toBe('errors.controlCharacters')
    expect(firstMessage(queryText(50).safeParse('王'.repeat(51)))).toBe('errors.tooLong')
    expect(firstMessage(queryText(50).safeParse(['a', 'b']))).toBe('errors.invalid')
  })
})
