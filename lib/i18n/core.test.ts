import { describe, expect, it } from 'vitest'
import { CATALOGS, isMessageKey, translator } from './core'

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
    for (const [key, text] of [...zh, ...en]) expect(text.trim(), key).not.toBe('')
  })
  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const english = new Map(en)
    for (const [key, text] of zh) expect(placeholders(english.get(key)!), key).toEqual(placeholders(text))
  })
  it('is Chinese by default and fills in parameters', () => {
    expect(translator('zh-CN')('login.throttledMinutes', { minutes: 15 })).toContain('15 分钟')
    expect(translator('en')('login.throttledMinutes', { minutes: 15 })).toContain('15 minutes')
  })
  it('knows its keys', () => {
    expect(isMessageKey('errors.required')).toBe(true)
    expect(isMessageKey('errors')).toBe(false)
    expect(isMessageKey('Invalid input')).toBe(false)
  })
})
