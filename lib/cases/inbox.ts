import 'server-only'
import { db } from '@/lib/server/db'
import type { InboxSource } from '@/lib/inbox/registry'
import { can } from '@/lib/access/permissions'
import { toDate, toIso } from '@/lib/dates'
import { isNearDeadline, isOverdue } from './rules'

/**
 * Cases waiting for a person: those they received (首问负责) or assigned to their township, not yet
 * answered (or answered and not closed), shown when near their deadline or overdue.
 */
export const casesInbox: InboxSource = async ({ ctx, t, today }) => {
  const subject = ctx.subject
  if (!can(subject, 'case.handle') && !can(subject, 'case.receive')) return []
  const soon = toDate(today)
  soon.setUTCDate(soon.getUTCDate() + 2)
  const rows = await db.case.findMany({
    where: {
      status: { in: ['RECEIVED', 'ASSIGNED'] },
      dueOn: { lte: soon },
      OR: [
        { receivedById: subject.id },
        { assignedRegionId: subject.regionId },
        ...(subject.regionLevel === 'TOWNSHIP' ? [{ receiverRegionId: subject.regionId }] : []),
      ],
    },
    select: { id: true, subject: true, receivedOn: true, dueOn: true, repliedOn: true },
    orderBy: { dueOn: 'asc' },
    take: 200,
  })
  return rows.flatMap((r) => {
    const facts = { receivedOn: toIso(r.receivedOn), dueOn: toIso(r.dueOn), repliedOn: null }
    const overdue = isOverdue(facts, today)
    if (!overdue && !isNearDeadline(facts, today)) return []
    return [
      {
        key: `cases.case:${r.id}`,
        module: 'cases',
        kind: overdue ? t('cases.inbox.overdue') : t('cases.inbox.near'),
        title: r.subject,
        dueDate: facts.dueOn,
        href: `/cases/${r.id}`,
      },
    ]
  })
}
