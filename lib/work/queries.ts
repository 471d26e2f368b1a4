import 'server-only'
import { db } from '@/lib/server/db'
import type { Subject } from '@/lib/access/permissions'
import type { Prisma } from '@/lib/generated/prisma/client'
import { toDate, toIso } from '@/lib/dates'
import { attachmentsOf, type AttachmentRow } from '@/lib/attachments/service'
import { childRegions, existingRegion, regionNames, regionsByIds } from '@/lib/regions/lookups'
import { indicatorSource, indicatorSources } from '@/lib/assessment/sources'
import { annualPeriod } from '@/lib/periods/rules'
import { reportSettings } from '@/lib/reports/scope'
import {
  attainment,
  completion,
  completionBy,
  DEFAULT_WARNING_DAYS,
  monthRange,
  taskState,
  weightsProblem,
  type CompletionFigures,
  type TaskState,
} from './rules'

export const TASK_OWNER = 'WorkTask'
export const AGREEMENT_OWNER = 'WorkAgreement'

/** The county the subject works in. */
export async function countyIdOf(subject: Subject): Promise<number> {
  const region = await existingRegion(db, subject.regionId)
  return region.level === 'COUNTY' ? region.id : region.ancestorIds[0]
}

/**
 * The tasks a subject sees: a county all of its county's; a township those of its region and below
 * and those it issued; a village its own; and everyone the tasks named to them.
 */
export function taskVisibleWhere(subject: Subject): Prisma.WorkTaskWhereInput {
  if (subject.regionLevel === 'COUNTY') return { countyId: subject.regionId }
  return { OR: [{ regionPath: { has: subject.regionId } }, { issuerRegionId: subject.regionId }, { assigneeUserId: subject.id }] }
}

export async function warningDaysOf(countyId: number): Promise<number> {
  return (await db.workSettings.findUnique({ where: { countyId } }))?.warningDays ?? DEFAULT_WARNING_DAYS
}

export interface TaskRow {
  id: number
  title: string
  details: string
  dueOn: string
  month: string
  status: 'OPEN' | 'REPORTED' | 'ACCEPTED' | 'RETURNED'
  state: TaskState
  issuer: string
  issuerRegionId: number
  assignee: string
  assigneeRegionId: number
  assigneeUserId: number | null
  evidence: string | null
  reportedOn: string | null
  reportedById: number | null
  checkedOn: string | null
  returnReason: string | null
  attachments: AttachmentRow[]
}

type TaskRecord = Prisma.WorkTaskGetPayload<object>

async function toRows(tasks: TaskRecord[], today: string, warningDays: number): Promise<TaskRow[]> {
  const names = await regionNames(
    db,
    tasks.flatMap((t) => [t.issuerRegionId, t.assigneeRegionId]),
    { withParent: true },
  )
  const userIds = [...new Set(tasks.flatMap((t) => (t.assigneeUserId ? [t.assigneeUserId] : [])))]
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  const files = await attachmentsOf(
    db,
    TASK_OWNER,
    tasks.map((t) => t.id),
  )
  return tasks.map((t) => {
    const facts = { status: t.status, dueOn: toIso(t.dueOn), reportedOn: t.reportedOn ? toIso(t.reportedOn) : null }
    const region = names.get(t.assigneeRegionId) ?? ''
    return {
      id: t.id,
      title: t.title,
      details: t.details,
      dueOn: facts.dueOn,
      month: t.month,
      status: t.status,
      state: taskState(facts, today, warningDays),
      issuer: names.get(t.issuerRegionId) ?? '',
      issuerRegionId: t.issuerRegionId,
      assignee: t.assigneeUserId ? `${users.get(t.assigneeUserId) ?? ''}（${region}）` : region,
      assigneeRegionId: t.assigneeRegionId,
      assigneeUserId: t.assigneeUserId,
      evidence: t.evidence,
      reportedOn: facts.reportedOn,
      reportedById: t.reportedById,
      checkedOn: t.checkedOn ? toIso(t.checkedOn) : null,
      returnReason: t.returnReason,
      attachments: files.get(t.id) ?? [],
    }
  })
}

export interface TaskList {
  month: string
  rows: TaskRow[]
  total: CompletionFigures
  /** per unit below the subject (townships for a county, villages for a township) and per named person */
  byUnit: { id: number; name: string; figures: CompletionFigures }[]
  byPerson: { id: number; name: string; figures: CompletionFigures }[]
  warningDays: number
}

/** A month's task list as the subject sees it, with the completion rates. */
export async function taskList(subject: Subject, month: string, view: 'mine' | 'issued' | undefined, today: string): Promise<TaskList> {
  const countyId = await countyIdOf(subject)
  const warningDays = await warningDaysOf(countyId)
  const { start, end } = monthRange(month)
  const filter: Prisma.WorkTaskWhereInput =
    view === 'mine'
      ? { OR: [{ assigneeUserId: subject.id }, { assigneeRegionId: subject.regionId, assigneeUserId: null }] }
      : view === 'issued'
        ? { issuerRegionId: subject.regionId }
        : {}
  const tasks = await db.workTask.findMany({
    where: { AND: [taskVisibleWhere(subject), filter, { dueOn: { gte: new Date(`${start}T00:00:00Z`), lte: new Date(`${end}T00:00:00Z`) } }] },
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
  })
  const rows = await toRows(tasks, today, warningDays)
  // the unit below the subject each task lies in: regionPath[depth of the subject + 1]
  const depth = (await existingRegion(db, subject.regionId)).ancestorIds.length
  const unitOf = new Map(tasks.map((t) => [t.id, t.regionPath[depth + 1] ?? null]))
  const units = completionBy(rows, (r) => unitOf.get(r.id) ?? null, today)
  const persons = completionBy(rows, (r) => r.assigneeUserId, today)
  const unitNames = await regionNames(db, units.keys())
  const personNames = new Map(
    (await db.user.findMany({ where: { id: { in: [...persons.keys()] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  )
  return {
    month,
    rows,
    total: completion(rows, today),
    byUnit: [...units].map(([id, figures]) => ({ id, name: unitNames.get(id) ?? '', figures })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    byPerson: [...persons].map(([id, figures]) => ({ id, name: personNames.get(id) ?? '', figures })),
    warningDays,
  }
}

export async function taskDetail(subject: Subject, taskId: number, today: string): Promise<TaskRow | null> {
  const task = await db.workTask.findFirst({ where: { AND: [{ id: taskId }, taskVisibleWhere(subject)] } })
  if (!task) return null
  const [row] = await toRows([task], today, await warningDaysOf(task.countyId))
  return row
}

/** Whom the subject may give a task: the active units directly below, and the staff of their own region. */
export async function assigneeChoices(subject: Subject): Promise<{ value: string; label: string }[]> {
  const units = await childRegions(db, subject.regionId, { levels: ['TOWNSHIP', 'VILLAGE'] })
  const staff = await db.user.findMany({
    where: { regionId: subject.regionId, active: true, id: { not: subject.id }, role: { not: 'ADMIN' } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
  return [...units.map((u) => ({ value: `r:${u.id}`, label: u.name })), ...staff.map((u) => ({ value: `u:${u.id}`, label: u.name }))]
}

/** A file of a task the subject may see. */
export async function visibleTaskAttachment(subject: Subject, attachmentId: number) {
  const file = await db.attachment.findFirst({ where: { id: attachmentId, ownerType: { in: [TASK_OWNER, AGREEMENT_OWNER] } } })
  if (!file) return null
  if (file.ownerType === TASK_OWNER) {
    const task = await db.workTask.findFirst({ where: { AND: [{ id: file.ownerId }, taskVisibleWhere(subject)] }, select: { assigneeRegionId: true } })
    return task ? { ...file, regionId: task.assigneeRegionId } : null
  }
  const agreement = await db.workAgreement.findFirst({
    where: { AND: [{ id: file.ownerId }, agreementVisibleWhere(subject)] },
    select: { partyRegionId: true },
  })
  return agreement ? { ...file, regionId: agreement.partyRegionId } : null
}

// ------------------------------------------------------------------ agreements

export function agreementVisibleWhere(subject: Subject): Prisma.WorkAgreementWhereInput {
  if (subject.regionLevel === 'COUNTY') return { countyId: subject.regionId }
  return { OR: [{ issuerRegionId: subject.regionId }, { partyRegionId: subject.regionId }] }
}

export async function agreementList(subject: Subject, year: number) {
  const rows = await db.workAgreement.findMany({
    where: { AND: [agreementVisibleWhere(subject), { year }] },
    include: { items: { select: { weight: true } } },
    orderBy: [{ issuerRegionId: 'asc' }, { partyRegionId: 'asc' }],
  })
  const names = await regionNames(
    db,
    rows.flatMap((r) => [r.issuerRegionId, r.partyRegionId]),
  )
  const scans = await attachmentsOf(
    db,
    AGREEMENT_OWNER,
    rows.map((r) => r.id),
  )
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    issuer: names.get(r.issuerRegionId) ?? '',
    party: names.get(r.partyRegionId) ?? '',
    signedOn: r.signedOn ? toIso(r.signedOn) : null,
    items: r.items.length,
    weights: r.items.reduce((sum, i) => sum + Number(i.weight), 0),
    scanned: (scans.get(r.id) ?? []).length > 0,
  }))
}

export interface AgreementItemRow {
  id: number
  label: string
  sourceKey: string | null
  target: number
  unit: string
  weight: number
  /** the current value: the source's for the party's township, or the hand-entered progress */
  value: number | null
  valueFrom: 'source' | 'hand' | null
  progressOn: string | null
  attainment: number | null
}

export async function agreementDetail(subject: Subject, agreementId: number, today: string) {
  const agreement = await db.workAgreement.findFirst({
    where: { AND: [{ id: agreementId }, agreementVisibleWhere(subject)] },
    include: { items: { orderBy: { position: 'asc' } } },
  })
  if (!agreement) return null
  const [issuer, party] = await regionsByIds(db, [agreement.issuerRegionId, agreement.partyRegionId]).then((rows) => [
    rows.find((r) => r.id === agreement.issuerRegionId)!,
    rows.find((r) => r.id === agreement.partyRegionId)!,
  ])
  // a source's figures are per township: the party's own value when the party is a township
  const sourced = new Map<string, number | null>()
  if (party.level === 'TOWNSHIP') {
    const period = annualPeriod(agreement.year, await reportSettings(db, agreement.countyId))
    for (const key of new Set(agreement.items.flatMap((i) => (i.sourceKey ? [i.sourceKey] : [])))) {
      const source = indicatorSource(key)
      if (!source) continue
      const values = await source.compute(db, { countyId: agreement.countyId, period, today })
      sourced.set(key, values.get(party.id)?.value ?? null)
    }
  }
  const items: AgreementItemRow[] = agreement.items.map((i) => {
    const fromSource = i.sourceKey !== null && sourced.has(i.sourceKey)
    const value = fromSource ? sourced.get(i.sourceKey!)! : i.progress === null ? null : Number(i.progress)
    return {
      id: i.id,
      label: i.label,
      sourceKey: i.sourceKey,
      target: Number(i.target),
      unit: i.unit,
      weight: Number(i.weight),
      value,
      valueFrom: fromSource ? 'source' : i.progress !== null ? 'hand' : null,
      progressOn: i.progressOn ? toIso(i.progressOn) : null,
      attainment: attainment(value, Number(i.target)),
    }
  })
  const scans = (await attachmentsOf(db, AGREEMENT_OWNER, [agreement.id])).get(agreement.id) ?? []
  return {
    id: agreement.id,
    year: agreement.year,
    title: agreement.title,
    issuer: issuer.name,
    issuerRegionId: issuer.id,
    party: party.name,
    partyRegionId: party.id,
    issuerSignatory: agreement.issuerSignatory,
    partySignatory: agreement.partySignatory,
    signedOn: agreement.signedOn ? toIso(agreement.signedOn) : null,
    items,
    weightsOk: items.length === 0 || weightsProblem(items.map((i) => i.weight)) === null,
    scans,
  }
}

/** The units below the subject an agreement can be made with. */
export async function agreementParties(subject: Subject) {
  return childRegions(db, subject.regionId, { levels: ['TOWNSHIP', 'VILLAGE'] })
}

/** The indicator sources an agreement's target can follow. */
export function sourceChoices(locale: 'zh-CN' | 'en') {
  return indicatorSources().map((s) => ({ key: s.key, label: s.label[locale], unit: s.unit[locale] }))
}

/**
 * The dashboard's task figures (lib/work/widget.ts): the tasks the subject sees (taskVisibleWhere)
 * given to `regionId` or below, due from `start` to `end` (and by today, as the indicator counts
 * them), grouped by the child of `regionId` on their region path; tasks of the region itself (or
 * its staff) under `regionId`'s own id.
 */
export async function taskCompletionByChild(subject: Subject, regionId: number, period: { start: string; end: string }, today: string) {
  const last = period.end < today ? period.end : today
  if (last < period.start) return new Map<number, CompletionFigures>()
  const tasks = await db.workTask.findMany({
    where: { AND: [taskVisibleWhere(subject), { regionPath: { has: regionId }, dueOn: { gte: toDate(period.start), lte: toDate(last) } }] },
    select: { status: true, dueOn: true, reportedOn: true, regionPath: true },
  })
  const facts = tasks.map((t) => {
    const at = t.regionPath.indexOf(regionId)
    return { status: t.status, dueOn: toIso(t.dueOn), reportedOn: t.reportedOn ? toIso(t.reportedOn) : null, unit: t.regionPath[at + 1] ?? regionId }
  })
  return completionBy(facts, (t) => t.unit, today)
}
