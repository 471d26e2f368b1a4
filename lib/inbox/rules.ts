import { inboxOrder, type InboxItem } from './registry'
import { toPage, type Page } from '@/lib/pagination'

// Pure rules of the inbox page: order, overdue, the filter by module and kind, and pagination.

export const INBOX_PAGE_SIZE = 30

/** An item is overdue when its due date is before today (an item due today is not yet late). */
export function isOverdue(item: Pick<InboxItem, 'dueDate'>, today: string): boolean {
  return item.dueDate !== null && item.dueDate < today
}

export interface InboxFilter {
  module?: string
  kind?: string
  page: number
}

/** The modules and kinds present among the items, each with its count, for the filter's choices. */
export function inboxFacets(items: readonly InboxItem[]): { modules: [string, number][]; kinds: [string, number][] } {
  const modules = new Map<string, number>()
  const kinds = new Map<string, number>()
  for (const item of items) {
    modules.set(item.module, (modules.get(item.module) ?? 0) + 1)
    kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1)
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => a[0].localeCompare(b[0], 'zh-CN'))
  return { modules: sorted(modules), kinds: sorted(kinds) }
}

/** The items of one page: filtered, overdue first then by due date (inboxOrder). */
export function inboxPage(items: readonly InboxItem[], filter: InboxFilter, size = INBOX_PAGE_SIZE): Page<InboxItem> {
  const shown = items.filter((i) => (!filter.module || i.module === filter.module) && (!filter.kind || i.kind === filter.kind)).sort(inboxOrder)
  const pageCount = Math.max(1, Math.ceil(shown.length / size))
  const page = Math.min(Math.max(1, filter.page), pageCount)
  return toPage(shown.slice((page - 1) * size, page * size), shown.length, page, size)
}

/** Merges the items of several sources, keeping the first of two with one key. */
export function mergeItems(lists: readonly (readonly InboxItem[])[]): InboxItem[] {
  const seen = new Set<string>()
  const out: InboxItem[] = []
  for (const list of lists)
    for (const item of list) {
      if (seen.has(item.key)) continue
      seen.add(item.key)
      out.push(item)
    }
  return out.sort(inboxOrder)
}
