import 'server-only'
import type { InboxItem, InboxSource } from '@/lib/inbox/registry'
import { can } from '@/lib/access/permissions'
import { db } from '@/lib/server/db'
import { daysBetween, toIso } from '@/lib/dates'
import { regionNames } from '@/lib/regions/lookups'
import type { SheetItem } from './inspection-rules'

// What inspections leave waiting for a person (lib/inbox/registry.ts, registered in lib/modules.ts):
// a township's rectification items near their due day or overdue (its own, or the ones it names
// the person for), close-outs waiting for an inspector of the team, and sheets a team still has to score.

/** Items due within this many days show before they are overdue. */
export const NEAR_DUE_DAYS = 7

export const inspectionInbox: InboxSource = async ({ ctx, t, today }) => {
  const { subject } = ctx
  const items: InboxItem[] = []
  if (can(subject, 'assessment.rectify') && subject.regionLevel === 'TOWNSHIP') {
    const rows = await db.rectification.findMany({
      where: { townshipId: subject.regionId, status: 'OPEN', round: { status: 'PUBLISHED' }, OR: [{ ownerId: null }, { ownerId: subject.id }] },
      select: { id: true, finding: true, dueOn: true },
      orderBy: { dueOn: 'asc' },
      take: 100,
    })
    for (const r of rows) {
      const due = toIso(r.dueOn)
      if (daysBetween(today, due) > NEAR_DUE_DAYS) continue
      items.push({
        key: `inspections.rectification:${r.id}`,
        module: 'inspections',
        kind: t('inspections.inbox.kind'),
        title: t('inspections.inbox.rectification', { finding: r.finding }),
        dueDate: due,
        href: `/assessment/inspections/rectifications/${r.id}`,
      })
    }
  }
  if (can(subject, 'assessment.inspect') && subject.regionLevel === 'COUNTY') {
    const teams = await db.inspectionTeam.findMany({
      where: { memberIds: { has: subject.id }, round: { countyId: subject.regionId } },
      select: { roundId: true, townshipIds: true, round: { select: { id: true, title: true, status: true, endsOn: true, items: true } } },
    })
    if (teams.length) {
      const submitted = await db.rectification.findMany({
        where: { status: 'SUBMITTED', OR: teams.map((tm) => ({ roundId: tm.roundId, townshipId: { in: tm.townshipIds } })) },
        select: { id: true, finding: true, townshipId: true, dueOn: true },
        take: 100,
      })
      const open = teams.filter((tm) => tm.round.status === 'OPEN')
      const counts = open.length
        ? await db.inspectionScore.groupBy({ by: ['roundId', 'townshipId'], where: { roundId: { in: open.map((tm) => tm.roundId) } }, _count: { _all: true } })
        : []
      const names = await regionNames(db, new Set([...submitted.map((r) => r.townshipId), ...open.flatMap((tm) => tm.townshipIds)]))
      for (const r of submitted) {
        items.push({
          key: `inspections.review:${r.id}`,
          module: 'inspections',
          kind: t('inspections.inbox.kind'),
          title: t('inspections.inbox.review', { township: names.get(r.townshipId) ?? '', finding: r.finding }),
          dueDate: null,
          href: `/assessment/inspections/rectifications/${r.id}`,
          regionName: names.get(r.townshipId),
        })
      }
      for (const tm of open) {
        const size = (tm.round.items as unknown as SheetItem[]).length
        for (const townshipId of tm.townshipIds) {
          const scored = counts.find((c) => c.roundId === tm.roundId && c.townshipId === townshipId)?._count._all ?? 0
          if (scored >= size) continue
          items.push({
            key: `inspections.score:${tm.roundId}:${townshipId}`,
            module: 'inspections',
            kind: t('inspections.inbox.scoreKind'),
            title: t('inspections.inbox.score', { round: tm.round.title, township: names.get(townshipId) ?? '' }),
            dueDate: toIso(tm.round.endsOn),
            href: `/assessment/inspections/${tm.roundId}/townships/${townshipId}`,
            regionName: names.get(townshipId),
          })
        }
      }
    }
  }
  return items
}
