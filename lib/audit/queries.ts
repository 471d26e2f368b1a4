import 'server-only'
import { db } from '@/lib/server/db'
import { can, regionScope, type Subject } from '@/lib/access/permissions'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import type { AuditFilter } from './schemas'
import { auditChanges, isRegisterEntity, type AuditChange } from './rules'

export interface AuditRow {
  id: string
  at: Date
  actorName: string | null
  ip: string | null
  action: string
  entity: string
  entityId: string | null
  regionName: string | null
  /** null when the viewer may not see residents' data of this event (see `redacted`) */
  before: unknown
  after: unknown
  /** the fields the event changed; without values when redacted */
  changes: AuditChange[]
  /** a register event the viewer may not read: which fields changed is shown, not their values */
  redacted: boolean
}

/**
 * Residents' data in an event (before/after values of register entities) only for someone who may
 * see that register row: the register permission, and the event's region inside theirs (the
 * register's own scope rule). Administrators, who have no register access, see which fields changed.
 */
function mayReadValues(subject: Subject, entity: string, region: { id: number; ancestorIds: number[] } | null): boolean {
  if (!isRegisterEntity(entity)) return true
  return region !== null && can(subject, 'register.view', region)
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
      include: { region: { select: { id: true, name: true, ancestorIds: true } } },
      ...pageArgs(filter.page),
    }),
    db.auditEvent.count({ where }),
  ])
  return toPage(
    rows.map((r) => {
      const values = mayReadValues(subject, r.entity, r.region)
      return {
        id: r.id.toString(),
        at: r.at,
        actorName: r.actorName,
        ip: r.ip,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        regionName: r.region?.name ?? null,
        before: values ? r.before : null,
        after: values ? r.after : null,
        changes: auditChanges(r.before, r.after, values),
        redacted: !values,
      }
    }),
    total,
    filter.page,
  )
}
