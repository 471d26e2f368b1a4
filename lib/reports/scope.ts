import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Action, Subject } from '@/lib/access/permissions'
import { auditDenied } from '@/lib/server/audit'
import type { ServiceContext } from '@/lib/server/context'
import { db, type DbClient } from '@/lib/server/db'
import { DEFAULT_REPORT_SETTINGS, type ReportSettingsValues } from './rules'

// What both the report reads (queries.ts) and writes (service.ts) need, below both: the scope of
// the reports a user may see, and the county settings. Reads and writes put reportScope into their
// query, as the register puts registerScope into its own: a report outside the user's region is
// never loaded, so it looks exactly like a missing one.

/**
 * The reports a subject may see, as a filter on the report's own columns (never on `id`, so it
 * can be spread next to one): a county user sees the county's report and its townships'
 * (countyId), anyone else their own region's (regionId). Reports are made by townships and the
 * county only, so a village or group user sees none.
 */
export function reportScope(subject: Subject): Prisma.ReportSubmissionWhereInput {
  return subject.regionLevel === 'COUNTY' ? { countyId: subject.regionId } : { regionId: subject.regionId }
}

/**
 * Called when a report id was not found in the user's scope: when it exists elsewhere the attempt
 * is audited (the caller answers "not found" either way, so the two cannot be told apart).
 */
export async function auditReportElsewhere(ctx: ServiceContext, permission: Action, reportId: number): Promise<void> {
  if (await db.reportSubmission.findUnique({ where: { id: reportId }, select: { id: true } })) await auditDenied(ctx.actor, permission, { reportId })
}

/** The county's report settings (statistical year, deadlines), or the defaults. */
export async function reportSettings(client: DbClient, countyId: number): Promise<ReportSettingsValues> {
  const row = await client.reportSettings.findUnique({ where: { countyId } })
  return row ?? DEFAULT_REPORT_SETTINGS
}

/** The county a region belongs to (ancestors are stored root first). */
export function countyOf(region: { id: number; level: string; ancestorIds: number[] }): number {
  return region.level === 'COUNTY' ? region.id : region.ancestorIds[0]
}
