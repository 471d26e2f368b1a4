import type { Translate } from '@/lib/i18n/core'
import type { ServiceContext } from '@/lib/server/context'

/**
 * One inbox per person (issue 13): everything that waits for the signed-in person or their region,
 * from every module. The registry lives in the kernel so that any module can offer items without
 * importing the dashboard (which stands above all of them); lib/modules.ts registers each module's
 * source, and the dashboard reads them all.
 */
export interface InboxItem {
  /** stable and unique across modules, e.g. 'work.task:42' */
  key: string
  /** the module that owns the item, e.g. 'work' */
  module: string
  /** what kind of work this is, already in the reader's language (e.g. 待签名报表, Task) */
  kind: string
  /** one line saying what is to be done, in the reader's language */
  title: string
  /** yyyy-mm-dd, or null when the item has no deadline */
  dueDate: string | null
  /** where the work is done */
  href: string
  /** the village or township the item is about, when it helps */
  regionName?: string
}

export interface InboxRequest {
  ctx: ServiceContext
  t: Translate
  /** yyyy-mm-dd in the county's time zone */
  today: string
}

/** A module's items for one person: scoped to them in the query itself; [] when none are theirs. */
export type InboxSource = (request: InboxRequest) => Promise<InboxItem[]>

// On globalThis, like the report sections: Next.js may load this file in more than one bundle of one
// process (instrumentation.ts composes the modules in its own), and every bundle must see the sources.
const SOURCES = Symbol.for('xiangzhen.inbox.sources')
const sources: Map<string, InboxSource> = ((globalThis as { [SOURCES]?: Map<string, InboxSource> })[SOURCES] ??= new Map())

export function addInboxSource(module: string, source: InboxSource): void {
  sources.set(module, source)
}

export function inboxSources(): ReadonlyMap<string, InboxSource> {
  return sources
}

/** Overdue first, then by due date (undated last), then by title: the order the inbox shows. */
export function inboxOrder(a: InboxItem, b: InboxItem): number {
  const ad = a.dueDate ?? '9999-12-31'
  const bd = b.dueDate ?? '9999-12-31'
  return ad === bd ? a.title.localeCompare(b.title, 'zh-CN') : ad < bd ? -1 : 1
}
