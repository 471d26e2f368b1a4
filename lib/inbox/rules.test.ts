import { describe, expect, it } from 'vitest'
import { inboxFacets, inboxPage, isOverdue, mergeItems } from './rules'
import type { InboxItem } from './registry'

const item = (key: string, dueDate: string | null, extra: Partial<InboxItem> = {}): InboxItem => ({
  key,
  module: 'reports',
  kind: '待签名报表',
  title: key,
  dueDate,
  href: `/x/${key}`,
  ...extra,
})

describe('inbox rules', () => {
  it('orders overdue items first, then by due date, undated last', () => {
    const merged = mergeItems([
      [item('c', null), item('b', '2026-05-10')],
      [item('a', '2026-04-01'), item('d', '2026-05-09')],
    ])
    expect(merged.map((i) => i.key)).toEqual(['a', 'd', 'b', 'c'])
    expect(isOverdue(merged[0], '2026-05-01')).toBe(true)
    expect(isOverdue(item('t', '2026-05-01'), '2026-05-01')).toBe(false)
    expect(isOverdue(item('n', null), '2026-05-01')).toBe(false)
  })

  it('keeps the first of two items with one key', () => {
    const merged = mergeItems([[item('a', '2026-01-01', { title: 'first' })], [item('a', '2026-01-01', { title: 'second' })]])
    expect(merged).toHaveLength(1)
    expect(merged[0].title).toBe('first')
  })

  it('filters by module and kind and counts the choices', () => {
    const items = [item('a', null), item('b', null, { module: 'quality', kind: '数据质量问题' }), item('c', null, { kind: '待审核报表' })]
    expect(inboxPage(items, { module: 'quality', page: 1 }).rows.map((i) => i.key)).toEqual(['b'])
    expect(inboxPage(items, { kind: '待审核报表', page: 1 }).rows.map((i) => i.key)).toEqual(['c'])
    expect(inboxPage(items, { module: 'reports', kind: '待审核报表', page: 1 }).total).toBe(1)
    const facets = inboxFacets(items)
    expect(facets.modules).toEqual([
      ['quality', 1],
      ['reports', 2],
    ])
    expect(facets.kinds.find(([k]) => k === '待签名报表')?.[1]).toBe(1)
  })

  it('pages the list and keeps the page inside its range', () => {
    const items = Array.from({ length: 7 }, (_, i) => item(`k${i}`, `2026-01-0${i + 1}`))
    const second = inboxPage(items, { page: 2 }, 3)
    expect(second.rows.map((i) => i.key)).toEqual(['k3', 'k4', 'k5'])
    expect(second.pageCount).toBe(3)
    expect(inboxPage(items, { page: 99 }, 3).rows.map((i) => i.key)).toEqual(['k6'])
    expect(inboxPage([], { page: 1 }, 3)).toMatchObject({ rows: [], total: 0, pageCount: 1 })
  })
})
