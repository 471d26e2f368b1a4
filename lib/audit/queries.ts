import 'server-only'
import { db } from '@/lib/server/db'
import { regionScope, type Subject } from '@/lib/access/permissions'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import type { AuditFilter } from './schemas'

export interface AuditRow {
  id: string
  at: Date
  actorName: string | null
  ip: string | null
  action: string
  entity: string
  entityId: string | null
  regionName: string | null
  before: unknown
  after: unknown
}

/** China Standard Time has no daylight saving: a day in the filter is 00:00–24:00 at +08:00. */
function dayStart(date: string) {
  return new Date(`${date}T00:00:00+08:00`)
}

/**
 * Audit events about the subject's region and below; events tied to no region (sign-in attempts
 * with an unknown username) only for someone whose region is the top of the tree.
 */
export async function browseAudit(subject: Subject & { regionAncestorIds: number[] }, filter: AuditFilter): Promise<Page<AuditRow>> {
  const scope = subject.regionAncestorIds.length === 0 ? { OR: [{ region: regionScope(subject) }, { regionId: null }] } : { region: regionScope(subject) }
  const at: { gte?: Date; lt?: Date } = {}
  if (filter.from) at.gte = dayStart(filter.from)
  if (filter.to) at.lt = new Date(dayStart(filter.to).getTime() + 86_400_000)
  const where = {
    AND: [
      scope,
      filter.user ? { actorName: { contains: filter.user.toLowerCase() } } : {},
      filter.entity ? { entity: filter.entity } : {},
      filter.from || filter.to ? { at } : {},
    ],
  }
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      include: { region: { select: { name: true } } },
      ...pageArgs(filter.page),
    }),
    db.auditEvent.count({ where }),
  ])
  return toPage(
    rows.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      actorName: r.actorName,
      ip: r.ip,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      regionName: r.region?.name ?? null,
      before: r.before,
      after: r.after,
    })),
    total,
    filter.page,
  )
}
