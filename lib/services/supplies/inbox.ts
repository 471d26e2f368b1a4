import 'server-only'
import { can } from '@/lib/access/permissions'
import type { InboxItem, InboxRequest } from '@/lib/inbox/registry'
import { expiryWarnings, listItems, itemName, unitName } from './queries'

/**
 * The supplies' inbox items: batches in stock that have expired or expire within 90 days, for the
 * township staff who manage the stations' stock (write off, or give out first). Registered by
 * lib/modules.ts; scoped in the query (expiryWarnings reads the subject's own stations).
 */
export async function suppliesInbox({ ctx, t, today }: InboxRequest): Promise<InboxItem[]> {
  const subject = ctx.subject
  if (subject.regionLevel !== 'TOWNSHIP' || !can(subject, 'supply.manage')) return []
  const [warnings, items] = await Promise.all([expiryWarnings(subject, today, 50), listItems(subject)])
  const byId = new Map(items.map((i) => [i.id, i]))
  // the reader's language for the item's name (outside a request, e.g. a script: Chinese)
  const locale = await import('@/lib/i18n/server').then((m) => m.getLocale()).catch(() => 'zh-CN')
  return warnings.map((w) => {
    const item = byId.get(w.itemId)
    return {
      key: `supplies.expiry:${w.stationId}:${w.batchId}`,
      module: 'supplies',
      kind: t('supplies.warnings.kind'),
      title: t('supplies.warnings.inbox', {
        item: item ? itemName(item, locale) : '',
        batch: w.batchNo,
        date: w.expiresOn,
        station: w.stationName,
        quantity: w.quantity,
        unit: item ? unitName(item, locale) : '',
      }),
      dueDate: w.expiresOn,
      href: `/services/supplies?stationId=${w.stationId}`,
    }
  })
}
