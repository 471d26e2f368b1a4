import 'server-only'
import type { InboxSource } from '@/lib/inbox/registry'
import { can, registerScope } from '@/lib/access/permissions'
import { db } from '@/lib/server/db'
import { toDate, toIso } from '@/lib/dates'
import { regionNames } from '@/lib/regions/lookups'
import { OVERDUE_AFTER_DAYS, overdueSentBefore } from './rules'

const LIMIT = 200

const dueOf = (sentOn: Date) => toIso(new Date(sentOn.getTime() + OVERDUE_AFTER_DAYS * 86_400_000))

/**
 * Information exchanges about the region's migrants unanswered past 30 days: one item per migrant
 * (the oldest unanswered request), due 30 days after it was sent, so they are all overdue.
 */
export const migrationInbox: InboxSource = async ({ ctx, t, today }) => {
  if (!can(ctx.subject, 'register.edit') && !can(ctx.subject, 'register.review')) return []
  const rows = await db.exchangeRequest.findMany({
    where: {
      answeredOn: null,
      sentOn: { lt: toDate(overdueSentBefore(today)) },
      person: { ...registerScope(ctx.subject), residence: { in: ['INFLOW', 'OUTFLOW'] }, alive: true, movedOut: false },
    },
    select: { id: true, sentOn: true, otherCounty: true, person: { select: { id: true, name: true, villageId: true } } },
    orderBy: [{ sentOn: 'asc' }, { id: 'asc' }],
    take: LIMIT,
  })
  const names = await regionNames(db, new Set(rows.map((r) => r.person.villageId)))
  const seen = new Set<number>()
  return rows.flatMap((r) => {
    if (seen.has(r.person.id)) return []
    seen.add(r.person.id)
    const regionName = names.get(r.person.villageId) ?? ''
    return [
      {
        key: `migration.exchange:${r.person.id}`,
        module: 'migration',
        kind: t('inbox.kind.exchange'),
        title: t('inbox.exchange', { name: r.person.name, county: r.otherCounty, sentOn: toIso(r.sentOn) }),
        dueDate: dueOf(r.sentOn),
        href: `/register/migrants/${r.person.id}`,
        regionName,
      },
    ]
  })
}
