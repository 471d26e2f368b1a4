import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/server/db'
import { can, inScope, regionScope, type Subject } from '@/lib/access/permissions'
import { regionById, regionNames } from '@/lib/regions/lookups'
import { regionOptions } from '@/lib/regions/queries'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import { findingScope } from './scope'
import type { FindingFilter } from './schemas'
import type { RuleId } from './rules'

export const FINDINGS_PAGE_SIZE = 30

export interface FindingRow {
  id: number
  rule: RuleId
  severity: 'ERROR' | 'WARNING'
  entity: string
  entityId: number
  details: Record<string, unknown>
  status: 'OPEN' | 'ASSIGNED' | 'FIXED' | 'CLOSED'
  note: string | null
  detectedAt: Date
  closedAt: Date | null
  countyId: number
  townshipId: number
  villageId: number
  regionName: string
  assignee: { id: number; name: string } | null
}

/** Townships and villages of the subject's region, for the region filter. */
export async function filterRegions(subject: Subject) {
  return regionOptions(subject, { levels: ['COUNTY', 'TOWNSHIP', 'VILLAGE'] })
}

async function regionFilter(subject: Subject, regionId: number | undefined): Promise<Prisma.QualityFindingWhereInput> {
  if (!regionId) return {}
  const region = await regionById(db, regionId)
  if (!region || !inScope(subject, region)) return { id: -1 } // outside the subject's region: nothing, as if it did not exist
  switch (region.level) {
    case 'COUNTY':
      return { countyId: regionId }
    case 'TOWNSHIP':
      return { townshipId: regionId }
    default:
      return { villageId: regionId }
  }
}

/** The queue: findings in the subject's region (findingScope, i.e. registerScope on the finding), filtered; open ones (OPEN and ASSIGNED) unless asked otherwise. */
export async function listFindings(subject: Subject, filter: FindingFilter): Promise<Page<FindingRow>> {
  const status = filter.status ?? 'ACTIVE'
  const where: Prisma.QualityFindingWhereInput = {
    AND: [
      findingScope(subject),
      await regionFilter(subject, filter.regionId),
      filter.rule ? { rule: filter.rule } : {},
      filter.severity ? { severity: filter.severity } : {},
      filter.mine ? { assigneeId: subject.id } : {},
      status === 'ALL' ? {} : status === 'ACTIVE' ? { status: { in: ['OPEN', 'ASSIGNED'] } } : { status },
    ],
  }
  const [rows, total] = await Promise.all([
    db.qualityFinding.findMany({ where, orderBy: [{ severity: 'asc' }, { detectedAt: 'desc' }, { id: 'desc' }], ...pageArgs(filter.page, FINDINGS_PAGE_SIZE) }),
    db.qualityFinding.count({ where }),
  ])
  const regionIds = [...new Set(rows.map((r) => r.villageId))]
  const assigneeIds = [...new Set(rows.map((r) => r.assigneeId).filter((id): id is number => id !== null))]
  const [regionName, users] = await Promise.all([
    regionNames(db, regionIds, { withParent: true }),
    db.user.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, name: true } }),
  ])
  const userById = new Map(users.map((u) => [u.id, u]))
  return toPage(
    rows.map((r) => ({
      id: r.id,
      rule: r.rule as RuleId,
      severity: r.severity,
      entity: r.entity,
      entityId: r.entityId,
      details: (r.details ?? {}) as Record<string, unknown>,
      status: r.status,
      note: r.note,
      detectedAt: r.detectedAt,
      closedAt: r.closedAt,
      countyId: r.countyId,
      townshipId: r.townshipId,
      villageId: r.villageId,
      regionName: regionName.get(r.villageId) ?? '',
      assignee: r.assigneeId ? (userById.get(r.assigneeId) ?? null) : null,
    })),
    total,
    filter.page,
    FINDINGS_PAGE_SIZE,
  )
}

/** Open findings in the subject's region assigned to the subject (their work list). */
export function assignedToMe(subject: Subject): Promise<number> {
  return db.qualityFinding.count({ where: { AND: [findingScope(subject), { assigneeId: subject.id, status: { in: ['OPEN', 'ASSIGNED'] } }] } })
}

/** Users a finding may be given to: active, able to fix the register, in the finding's village, township or county, and inside the subject's region. */
export async function assigneesFor(subject: Subject, findings: { villageId: number; townshipId: number; countyId: number }[]) {
  const regionIds = [...new Set(findings.flatMap((f) => [f.villageId, f.townshipId, f.countyId]))]
  if (regionIds.length === 0) return []
  const users = await db.user.findMany({
    where: { active: true, regionId: { in: regionIds }, region: regionScope(subject) },
    select: { id: true, name: true, username: true, role: true, regionId: true, region: { select: { name: true, level: true } } },
    orderBy: [{ regionId: 'asc' }, { username: 'asc' }],
  })
  return users.filter((u) => {
    const subject = { ...u, regionLevel: u.region.level }
    return can(subject, 'register.edit') || can(subject, 'register.review')
  })
}
