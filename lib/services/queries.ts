import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/server/db'
import type { Subject } from '@/lib/access/permissions'
import { todayIso, toIso } from '@/lib/dates'
import type { RegionLevel } from '@/lib/access/roles'
import { regionForFigures } from '@/lib/regions/queries'
import { regionById } from '@/lib/regions/lookups'
import { computeCoverage, INDICATORS, type Indicator } from './coverage'
import { coverage, suppressCells, suppressSmall } from './rules'
import type { CoverageFilter } from './schemas'
import { attachmentsOf, type AttachmentRow } from '@/lib/attachments/service'
import { personNames } from '@/lib/registry/cohorts'
import { mayRecordType, type Deliverer, type Schedule } from './rules'
import { seesSensitive, visibleRecords } from './visibility'

// Service reads. Every read of records goes through visibleRecords(subject) (visibility.ts).

export const ATTACHMENT_OWNER = 'ServiceRecord'

export interface ServiceTypeView {
  id: number
  code: string
  nameZh: string
  nameEn: string
  deliveredBy: Deliverer
  target: 'PERSON' | 'GROUP'
  schedule: Schedule
  scheduleValues: number[]
  sensitive: boolean
  active: boolean
  version: number
}

const TYPE_SELECT = {
  id: true,
  code: true,
  nameZh: true,
  nameEn: true,
  deliveredBy: true,
  target: true,
  schedule: true,
  scheduleValues: true,
  sensitive: true,
  active: true,
  version: true,
} as const

/** The county of a subject: the first ancestor, or the region itself at the county. */
export async function countyOf(subject: Subject): Promise<number> {
  if (subject.regionLevel === 'COUNTY') return subject.regionId
  const region = await regionById(db, subject.regionId)
  return region?.ancestorIds[0] ?? subject.regionId
}

/** The county's catalogue, by code. */
export async function listTypes(subject: Subject): Promise<ServiceTypeView[]> {
  return db.serviceType.findMany({ where: { countyId: await countyOf(subject) }, select: TYPE_SELECT, orderBy: { code: 'asc' } })
}

export async function getType(subject: Subject, typeId: number): Promise<ServiceTypeView | null> {
  return db.serviceType.findFirst({ where: { id: typeId, countyId: await countyOf(subject) }, select: TYPE_SELECT })
}

/** The types the subject may record, for a person or for a group. */
export async function recordableTypes(subject: Subject, target: 'PERSON' | 'GROUP'): Promise<ServiceTypeView[]> {
  return (await listTypes(subject)).filter((t) => t.target === target && mayRecordType(subject.role, t))
}

export const typeName = (t: { nameZh: string; nameEn: string }, locale: string) => (locale === 'en' ? t.nameEn : t.nameZh)

export interface RecordView {
  id: number
  type: { id: number; code: string; nameZh: string; nameEn: string; sensitive: boolean; deliveredBy: Deliverer; target: 'PERSON' | 'GROUP' }
  personId: number | null
  personName: string | null
  title: string | null
  place: string | null
  attendance: number | null
  servedOn: string
  station: string
  staffName: string
  outcome: string
  followUpOn: string | null
  consentBy: 'PERSON' | 'GUARDIAN' | null
  consentName: string | null
  consentOn: string | null
  consentMethod: 'SIGNED_FORM' | 'VERBAL_WITNESSED' | null
  /** the reason of the correction this version made, if it is one */
  correctionReason: string | null
  attachments: AttachmentRow[]
}

const RECORD_SELECT = {
  id: true,
  personId: true,
  title: true,
  place: true,
  attendance: true,
  servedOn: true,
  station: true,
  staffName: true,
  outcome: true,
  followUpOn: true,
  consentBy: true,
  consentName: true,
  consentOn: true,
  consentMethod: true,
  correctionReason: true,
  type: { select: { id: true, code: true, nameZh: true, nameEn: true, sensitive: true, deliveredBy: true, target: true } },
} as const satisfies Prisma.ServiceRecordSelect

type Selected = Prisma.ServiceRecordGetPayload<{ select: typeof RECORD_SELECT }>

async function toViews(rows: Selected[]): Promise<RecordView[]> {
  const [attachments, names] = await Promise.all([
    attachmentsOf(
      db,
      ATTACHMENT_OWNER,
      rows.map((r) => r.id),
    ),
    personNames(db, [...new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])))]),
  ])
  return rows.map((r) => ({
    ...r,
    personName: r.personId ? (names.get(r.personId) ?? null) : null,
    servedOn: toIso(r.servedOn),
    followUpOn: r.followUpOn ? toIso(r.followUpOn) : null,
    consentOn: r.consentOn ? toIso(r.consentOn) : null,
    attachments: attachments.get(r.id) ?? [],
  }))
}

/** A person's services the subject may see, newest first. */
export async function listPersonServices(subject: Subject, personId: number): Promise<RecordView[]> {
  const rows = await db.serviceRecord.findMany({
    where: { AND: [visibleRecords(subject), { personId }] },
    select: RECORD_SELECT,
    orderBy: [{ servedOn: 'desc' }, { id: 'desc' }],
    take: 200,
  })
  return toViews(rows)
}

/** One record, or null when it is missing or not the subject's to see (the same answer). */
export async function getRecord(subject: Subject, recordId: number): Promise<RecordView | null> {
  const row = await db.serviceRecord.findFirst({ where: { AND: [visibleRecords(subject), { id: recordId }] }, select: RECORD_SELECT })
  return row ? (await toViews([row]))[0] : null
}

export interface RecordFilter {
  /** records of these types only */
  typeIds?: number[]
  /** group activities only, or services to people only */
  target?: 'PERSON' | 'GROUP'
  from?: string
  to?: string
  /** a township or village inside the subject's region */
  townshipId?: number
  villageId?: number
  /** records of these people only (the records behind a figure) */
  personIds?: number[]
  /** records made at this registered station or room (its day list) */
  stationId?: number
}

export const RECORD_PAGE_SIZE = 50

/** Records the subject may see, newest first (the list behind a figure, the activities list). */
export async function listRecords(subject: Subject, filter: RecordFilter, take = RECORD_PAGE_SIZE): Promise<{ rows: RecordView[]; total: number }> {
  const and: Prisma.ServiceRecordWhereInput[] = [visibleRecords(subject)]
  if (filter.typeIds) and.push({ typeId: { in: filter.typeIds } })
  if (filter.target === 'GROUP') and.push({ personId: null })
  if (filter.target === 'PERSON') and.push({ personId: { not: null } })
  if (filter.from) and.push({ servedOn: { gte: new Date(`${filter.from}T00:00:00Z`) } })
  if (filter.to) and.push({ servedOn: { lte: new Date(`${filter.to}T00:00:00Z`) } })
  if (filter.townshipId) and.push({ townshipId: filter.townshipId })
  if (filter.villageId) and.push({ villageId: filter.villageId })
  if (filter.personIds) and.push({ personId: { in: filter.personIds } })
  if (filter.stationId) and.push({ stationId: filter.stationId })
  const where = { AND: and }
  const [rows, total] = await Promise.all([
    db.serviceRecord.findMany({ where, select: RECORD_SELECT, orderBy: [{ servedOn: 'desc' }, { id: 'desc' }], take }),
    db.serviceRecord.count({ where }),
  ])
  return { rows: await toViews(rows), total }
}

/** The special-family flag of a household, if any, inside the subject's region. */
export async function specialFamilyOf(subject: Subject, householdId: number) {
  const f = await db.specialFamily.findFirst({
    where: {
      householdId,
      ...(subject.regionLevel === 'COUNTY'
        ? { countyId: subject.regionId }
        : subject.regionLevel === 'TOWNSHIP'
          ? { townshipId: subject.regionId }
          : { villageId: subject.regionId }),
    },
    select: { townshipContact: true, villageContact: true, since: true, active: true },
  })
  return f ? { ...f, since: toIso(f.since) } : null
}

/**
 * An attachment of a record the subject may see (the owner's scope and sensitivity decide), or
 * null: a file of a record outside the subject's view looks missing, like the record.
 */
export async function visibleAttachment(subject: Subject, attachmentId: number): Promise<(AttachmentRow & { recordId: number; regionId: number }) | null> {
  const row = await db.attachment.findFirst({
    where: { id: attachmentId, ownerType: ATTACHMENT_OWNER },
    select: { id: true, sha256: true, mime: true, size: true, name: true, thumbnail: true, ownerId: true },
  })
  if (!row) return null
  const record = await db.serviceRecord.findFirst({
    where: { AND: [visibleRecords(subject), { id: row.ownerId }] },
    select: { id: true, villageId: true, townshipId: true },
  })
  if (!record) return null
  const { ownerId: _owner, ...attachment } = row
  return { ...attachment, recordId: record.id, regionId: record.villageId ?? record.townshipId }
}

// ------------------------------------------------------------------ coverage as a user reads it

export interface FigureCell {
  eligible: number
  /** null: suppressed by the small-cell rule for this viewer */
  done: number | null
  rate: number | null
}

export interface CoverageView {
  region: { id: number; name: string; level: RegionLevel }
  trail: { id: number; name: string }[]
  period: { key: string; start: string; end: string }
  rows: { regionId: number; name: string; cells: Record<Indicator, FigureCell> }[]
  total: Record<Indicator, FigureCell>
  /** the viewer may open the records behind this indicator's figures */
  drillable: Record<Indicator, boolean>
  suppressed: boolean
  typeIds: Record<Indicator, number[]>
}

/** The period of a key: a month yyyy-mm or a year yyyy, its end no later than today. */
export function coveragePeriod(key: string | undefined, today = todayIso()): { key: string; start: string; end: string } {
  const k = key ?? today.slice(0, 7)
  const start = k.length === 4 ? `${k}-01-01` : `${k}-01`
  const last = k.length === 4 ? `${k}-12-31` : toIso(new Date(Date.UTC(Number(k.slice(0, 4)), Number(k.slice(5, 7)), 0)))
  return { key: k, start, end: last < today ? last : today < start ? start : today }
}

/**
 * The coverage indicators of a region in the subject's scope, per child region and in total. For a
 * viewer who cannot see sensitive records, an indicator fed by a sensitive type keeps the
 * small-cell rule (rules.suppressCells) and its figures open no records.
 */
export async function coverageView(subject: Subject, filter: CoverageFilter, today = todayIso()): Promise<CoverageView | null> {
  const region = await regionForFigures(subject, filter.regionId)
  if (!region || region.level === 'GROUP') return null
  const period = coveragePeriod(filter.period, today)
  const countyId = region.level === 'COUNTY' ? region.id : region.ancestorIds[0]
  const result = await computeCoverage(db, { level: region.level, regionId: region.id, countyId }, period)
  const sees = seesSensitive(subject)
  const cell = (counts: { eligible: number; done: number }, done: number | null): FigureCell => ({
    eligible: counts.eligible,
    done,
    rate: done === null ? null : coverage(done, counts.eligible),
  })
  const rows = region.children.map((c) => ({ regionId: c.id, name: c.name, counts: result.byChild.get(c.id) }))
  const shown = new Map<Indicator, Map<number, number | null>>()
  let suppressed = false
  for (const i of INDICATORS) {
    const raw = new Map(rows.map((r) => [r.regionId, r.counts?.[i].done ?? 0]))
    if (result.sensitive[i] && !sees) {
      const out = suppressCells(raw)
      if ([...out.values()].some((v) => v === null) || suppressSmall(result.total[i].done) === null) suppressed = true
      shown.set(i, out)
    } else shown.set(i, raw)
  }
  const zero = { eligible: 0, done: 0 }
  return {
    region: { id: region.id, name: region.name, level: region.level },
    trail: region.trail,
    period,
    rows: rows.map((r) => ({
      regionId: r.regionId,
      name: r.name,
      cells: Object.fromEntries(INDICATORS.map((i) => [i, cell(r.counts?.[i] ?? zero, shown.get(i)!.get(r.regionId) ?? 0)])) as Record<Indicator, FigureCell>,
    })),
    total: Object.fromEntries(
      INDICATORS.map((i) => [i, cell(result.total[i], result.sensitive[i] && !sees ? suppressSmall(result.total[i].done) : result.total[i].done)]),
    ) as Record<Indicator, FigureCell>,
    // marriages are aggregate only; sensitive indicators open records only for those who see them
    drillable: Object.fromEntries(INDICATORS.map((i) => [i, i !== 'marriages' && (!result.sensitive[i] || sees)])) as Record<Indicator, boolean>,
    suppressed,
    typeIds: result.typeIds,
  }
}

/** The records behind one figure: the indicator's types in the region and period, as the subject may see them. */
export async function recordsBehind(subject: Subject, filter: CoverageFilter, today = todayIso()) {
  if (!filter.indicator || filter.indicator === 'marriages') return null
  const view = await coverageView(subject, { ...filter }, today)
  if (!view || !view.drillable[filter.indicator]) return null
  const { start, end } = view.period
  const from = filter.indicator === 'elderly' ? `${end.slice(0, 4)}-01-01` : start
  const where: RecordFilter = { typeIds: view.typeIds[filter.indicator], from, to: end, target: 'PERSON' }
  if (view.region.level === 'TOWNSHIP') where.townshipId = view.region.id
  if (view.region.level === 'VILLAGE') where.villageId = view.region.id
  return { view, indicator: filter.indicator, ...(await listRecords(subject, where, 200)) }
}
