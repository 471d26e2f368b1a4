import 'server-only'
import { inboxSources, type InboxItem, type InboxRequest } from '@/lib/inbox/registry'
import { cachedInbox } from '@/lib/inbox/cache'
import { mergeItems } from '@/lib/inbox/rules'
import type { ServiceContext } from '@/lib/server/context'
import type { Translate } from '@/lib/i18n/core'
import type { SessionUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'

/**
 * Every item of every registered source for one person (one inbox per person, issue 13). The
 * sources run in parallel, each scoped in its own query; a source that fails is left out and
 * logged rather than taking the whole inbox (and the navigation of every page) down with it.
 */
export async function readInbox(request: InboxRequest): Promise<InboxItem[]> {
  const sources = [...inboxSources().entries()]
  const results = await Promise.all(
    sources.map(([module, source]) =>
      source(request).catch((error: unknown) => {
        console.error(`[inbox] the ${module} source failed`, error)
        return [] as InboxItem[]
      }),
    ),
  )
  return mergeItems(results)
}

/** The signed-in user's inbox, cached briefly (lib/inbox/cache.ts): the page, the home page and the navigation's count share it. */
export function inboxOf(ctx: ServiceContext & { subject: SessionUser }, t: Translate, locale: string, today = todayIso()): Promise<InboxItem[]> {
  const u = ctx.subject
  return cachedInbox(`${u.id}:${u.role}:${u.regionId}:${locale}:${today}`, () => readInbox({ ctx, t, today }), Date.now(), {
    regionId: u.regionId,
    ancestorIds: u.regionAncestorIds,
  })
}
