import 'server-only'
import { can, regionScope, type Subject } from '@/lib/access/permissions'
import { db } from '@/lib/server/db'
import { IMPORT_REFUSED } from './service'

/** How far back the home page warns about refused imports. */
const ALERT_DAYS = 7

export interface ImportCapAlert {
  actorName: string | null
  at: Date
  hitsToday: number
}

/**
 * Imports refused in the last week because a user's files kept finding ID numbers registered
 * outside their region (someone probing the register, or a township importing another's list):
 * for administrators (`audit.view`), within their region. Newest first, one line per user and day.
 */
export async function importCapAlerts(subject: Subject): Promise<ImportCapAlert[]> {
  if (!can(subject, 'audit.view')) return []
  const events = await db.auditEvent.findMany({
    // entity first: the (entity, at) index narrows to a week of import events
    where: { entity: 'Household', action: IMPORT_REFUSED, at: { gte: new Date(Date.now() - ALERT_DAYS * 86_400_000) }, region: regionScope(subject) },
    select: { actorName: true, actorId: true, at: true, after: true },
    orderBy: { at: 'desc' },
    take: 200,
  })
  const seen = new Set<string>()
  const alerts: ImportCapAlert[] = []
  for (const e of events) {
    const key = `${e.actorId}:${new Date(e.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}`
    if (seen.has(key)) continue
    seen.add(key)
    const after = (e.after ?? {}) as { hitsToday?: number }
    alerts.push({ actorName: e.actorName, at: e.at, hitsToday: after.hitsToday ?? 0 })
  }
  return alerts.slice(0, 20)
}
