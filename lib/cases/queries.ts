import 'server-only'
import { db } from '@/lib/server/db'
import type { Subject } from '@/lib/access/permissions'
import type { Prisma } from '@/lib/generated/prisma/client'
import { toDate, toIso } from '@/lib/dates'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import { existingRegion, regionNames, townshipsOf } from '@/lib/regions/lookups'
import { isNearDeadline, isOverdue } from './rules'
import type { CaseFilter } from './schemas'

/** The county the subject works in. */
export async function countyIdOf(subject: Subject): Promise<number> {
  const region = await existingRegion(db, subject.regionId)
  return region.level === 'COUNTY' ? region.id : region.ancestorIds[0]
}

/** A county sees all of its cases; a township those it received and those assigned to it. */
export function caseVisibleWhere(subject: Subject): Prisma.CaseWhereInput {
  if (subject.regionLevel === 'COUNTY') return { countyId: subject.regionId }
  if (subject.regionLevel === 'TOWNSHIP') return { OR: [{ receiverRegionId: subject.regionId }, { assignedRegionId: subject.regionId }] }
  return { id: -1 }
}

export interface CaseRow {
  id: number
  channel: 'PHONE' | 'LETTER' | 'VISIT' | 'ONLINE'
  kind: 'COMPLAINT' | 'INQUIRY'
  subject: string
  receivedOn: string
  dueOn: string
  status: 'RECEIVED' | 'ASSIGNED' | 'REPLIED' | 'CLOSED'
  assignee: string | null
  overdue: boolean
  near: boolean
}

type CaseRecord = Prisma.CaseGetPayload<object>

async function assigneeNames(rows: CaseRecord[]) {
  const regions = await regionNames(
    db,
    rows.flatMap((r) => (r.assignedRegionId ? [r.assignedRegionId] : [])),
  )
  const departmentIds = [...new Set(rows.flatMap((r) => (r.departmentId ? [r.departmentId] : [])))]
  const departments = new Map(
    (await db.caseDepartment.findMany({ where: { id: { in: departmentIds } }, select: { id: true, name: true } })).map((d) => [d.id, d.name]),
  )
  return (r: CaseRecord) => (r.assignedRegionId ? (regions.get(r.assignedRegionId) ?? null) : r.departmentId ? (departments.get(r.departmentId) ?? null) : null)
}

function facts(r: CaseRecord) {
  return { receivedOn: toIso(r.receivedOn), dueOn: toIso(r.dueOn), repliedOn: r.repliedOn ? toIso(r.repliedOn) : null }
}

export async function caseList(subject: Subject, filter: CaseFilter, today: string): Promise<Page<CaseRow>> {
  const todayDate = toDate(today)
  const where: Prisma.CaseWhereInput = {
    AND: [
      caseVisibleWhere(subject),
      filter.status ? { status: filter.status } : {},
      filter.channel ? { channel: filter.channel } : {},
      filter.townshipId ? { townshipId: filter.townshipId } : {},
      filter.overdue ? { OR: [{ repliedOn: null, dueOn: { lt: todayDate } }, { answeredLate: true }] } : {},
    ],
  }
  const [rows, total] = await Promise.all([
    db.case.findMany({ where, orderBy: [{ receivedOn: 'desc' }, { id: 'desc' }], ...pageArgs(filter.page) }),
    db.case.count({ where }),
  ])
  const nameOf = await assigneeNames(rows)
  return toPage(
    rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      kind: r.kind,
      subject: r.subject,
      receivedOn: toIso(r.receivedOn),
      dueOn: toIso(r.dueOn),
      status: r.status,
      assignee: nameOf(r),
      overdue: isOverdue(facts(r), today),
      near: isNearDeadline(facts(r), today),
    })),
    total,
    filter.page,
  )
}

export async function caseDetail(subject: Subject, caseId: number, today: string) {
  const row = await db.case.findFirst({ where: { AND: [{ id: caseId }, caseVisibleWhere(subject)] } })
  if (!row) return null
  const nameOf = await assigneeNames([row])
  const users = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [row.receivedById, row.repliedById, row.closedById].filter((v): v is number => v !== null) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  )
  const person = row.personId ? await db.person.findUnique({ where: { id: row.personId }, select: { id: true, name: true } }) : null
  const receiver = (await regionNames(db, [row.receiverRegionId])).get(row.receiverRegionId) ?? ''
  return {
    ...row,
    receivedOn: toIso(row.receivedOn),
    dueOn: toIso(row.dueOn),
    repliedOn: row.repliedOn ? toIso(row.repliedOn) : null,
    closedOn: row.closedOn ? toIso(row.closedOn) : null,
    receivedByName: users.get(row.receivedById) ?? '',
    repliedByName: row.repliedById ? (users.get(row.repliedById) ?? '') : null,
    receiver,
    assignee: nameOf(row),
    person,
    overdue: isOverdue(facts(row), today),
  }
}

/** Where the subject may assign a case: the county's townships (a township: itself) and the county's departments. */
export async function caseAssignees(subject: Subject): Promise<{ value: string; label: string }[]> {
  const countyId = await countyIdOf(subject)
  const townships =
    subject.regionLevel === 'COUNTY' ? await townshipsOf(db, countyId) : [{ id: subject.regionId, name: (await existingRegion(db, subject.regionId)).name }]
  const departments = await db.caseDepartment.findMany({ where: { countyId, active: true }, orderBy: { name: 'asc' } })
  return [...townships.map((t) => ({ value: `r:${t.id}`, label: t.name })), ...departments.map((d) => ({ value: `d:${d.id}`, label: d.name }))]
}

export async function departmentList(subject: Subject) {
  return db.caseDepartment.findMany({ where: { countyId: await countyIdOf(subject) }, orderBy: { name: 'asc' } })
}

/** The townships of the subject's county for the list's filter (a township: only itself). */
export async function caseTownships(subject: Subject) {
  if (subject.regionLevel !== 'COUNTY') return []
  return townshipsOf(db, subject.regionId)
}

/** A person of the register in the subject's scope, for the intake form (the person page links to it). */
export async function personForCase(subject: Subject, personId: number) {
  const scope =
    subject.regionLevel === 'COUNTY'
      ? { countyId: subject.regionId }
      : subject.regionLevel === 'TOWNSHIP'
        ? { townshipId: subject.regionId }
        : { villageId: subject.regionId }
  return db.person.findFirst({ where: { id: personId, ...scope }, select: { id: true, name: true, townshipId: true } })
}

export interface CaseCounts {
  received: number
  within: number
  overdueOpen: number
}

/**
 * The dashboard's case figures per township (lib/cases/widget.ts), over the cases the subject sees
 * (caseVisibleWhere): received in the period, of those answered by their due date, and every case
 * still unanswered past its due date (whenever received). `townshipId` narrows to one township;
 * the county's own cases (no township) are not counted.
 */
export async function caseCountsByTownship(
  subject: Subject,
  filter: { townshipId?: number },
  period: { start: string; end: string },
  today: string,
): Promise<Map<number, CaseCounts>> {
  const inPeriod = { receivedOn: { gte: toDate(period.start), lte: toDate(period.end) } }
  const rows = await db.case.findMany({
    where: {
      AND: [
        caseVisibleWhere(subject),
        filter.townshipId !== undefined ? { townshipId: filter.townshipId } : { townshipId: { not: null } },
        { OR: [inPeriod, { repliedOn: null, dueOn: { lt: toDate(today) } }] },
      ],
    },
    select: { townshipId: true, receivedOn: true, dueOn: true, repliedOn: true },
  })
  const counts = new Map<number, CaseCounts>()
  for (const r of rows) {
    const c = counts.get(r.townshipId!) ?? { received: 0, within: 0, overdueOpen: 0 }
    const f = { receivedOn: toIso(r.receivedOn), dueOn: toIso(r.dueOn), repliedOn: r.repliedOn ? toIso(r.repliedOn) : null }
    if (f.receivedOn >= period.start && f.receivedOn <= period.end) {
      c.received++
      if (f.repliedOn && f.repliedOn <= f.dueOn) c.within++
    }
    if (!f.repliedOn && isOverdue(f, today)) c.overdueOpen++
    counts.set(r.townshipId!, c)
  }
  return counts
}
