import 'server-only'
import type { InboxSource } from '@/lib/inbox/registry'
import { can } from '@/lib/access/permissions'
import { db } from '@/lib/server/db'
import { regionNames } from '@/lib/regions/lookups'
import { findingScope } from './scope'
import type { RuleId } from './rules'

/** At most this many findings of one person in the inbox: the quality page lists them all. */
const LIMIT = 200

/** Open findings assigned to the user, in their region (findingScope): one item each, linked to their own list. */
export const qualityInbox: InboxSource = async ({ ctx, t }) => {
  if (!can(ctx.subject, 'register.edit') && !can(ctx.subject, 'register.review')) return []
  const rows = await db.qualityFinding.findMany({
    where: { AND: [findingScope(ctx.subject), { assigneeId: ctx.subject.id, status: { in: ['OPEN', 'ASSIGNED'] } }] },
    select: { id: true, rule: true, entity: true, entityId: true, villageId: true },
    orderBy: { id: 'asc' },
    take: LIMIT,
  })
  const names = await regionNames(db, new Set(rows.map((r) => r.villageId)))
  return rows.map((r) => {
    const regionName = names.get(r.villageId) ?? ''
    return {
      key: `quality.finding:${r.id}`,
      module: 'quality',
      kind: t('inbox.kind.finding'),
      title: t('inbox.finding', {
        rule: t(`quality.rules.${r.rule as RuleId}`),
        record: t('quality.record', { entity: t(`quality.entity.${r.entity as 'Person'}`), id: r.entityId }),
        region: regionName,
      }),
      dueDate: null,
      href: '/register/quality?mine=1',
      regionName,
    }
  })
}
