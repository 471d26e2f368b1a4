import { describe, expect, it } from 'vitest'
import { CATALOGS, isMessageKey, PLACEHOLDER, translator } from './core'

function leaves(node: unknown, prefix = ''): [string, string][] {
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  )
}

describe('messages', () => {
  const zh = leaves(CATALOGS['zh-CN'])
  const en = leaves(CATALOGS.en)
  it('has every key in both languages, none empty', () => {
    expect(en.map(([k]) => k).sort()).toEqual(zh.map(([k]) => k).sort())
    // common.gap is the space between two fields on a printed line: whitespace by design
    for (const [key, text] of [...zh, ...en]) expect(key === 'common.gap' ? text : text.trim(), key).not.toBe('')
  })
  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...new Set([...s.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort()
    const english = new Map(en)
    for (const [key, text] of zh) expect(placeholders(english.get(key)!), key).toEqual(placeholders(text))
  })
  it('is Chinese by default and fills in parameters', () => {
    expect(translator('zh-CN')('login.throttledMinutes', { minutes: 15 })).toContain('15 分钟')
    expect(translator('en')('login.throttledMinutes', { minutes: 15 })).toContain('15 minutes')
  })
  it('has no full-width (Chinese) punctuation in English', () => {
    // ：，。；！？（）、【】《》「」 and the ideographic space; typographic quotes ’ “ ” are English
    const fullWidth = /[\u3000-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/
    for (const [key, text] of en) expect(text, key).not.toMatch(fullWidth)
  })
  it('has the singular and plural in English', () => {
    const t = translator('en')
    expect(t('quality.details.noHead', { memberCount: 1 })).toBe('1 member, no head')
    expect(t('quality.details.noHead', { memberCount: 3 })).toBe('3 members, no head')
    expect(translator('zh-CN')('quality.details.noHead', { memberCount: 1 })).toBe('共 1 名成员，未设户主')
  })
  it('puts a space between a Chinese place name and English text', () => {
    expect(translator('en')('reports.titleOf', { region: '宁津镇', kind: 'Monthly population statistics' })).toBe('宁津镇 Monthly population statistics')
    expect(translator('zh-CN')('reports.titleOf', { region: '宁津镇', kind: '人口月报' })).toBe('宁津镇人口月报')
  })
  it('knows its keys', () => {
    expect(isMessageKey('errors.required')).toBe(true)
    expect(isMessageKey('errors')).toBe(false)
    expect(isMessageKey('Invalid input')).toBe(false)
  })
})
