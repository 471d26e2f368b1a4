import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/server/db'
import type { Subject } from '@/lib/access/permissions'
import { todayIso, toIso } from '@/lib/dates'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import { regionNames, townshipsOf } from '@/lib/regions/lookups'
import { attachmentsOf, findAttachment, type AttachmentRow } from '@/lib/attachments/service'
import { residentsByTownship } from '@/lib/registry/cohorts'
import { searchPersons } from '@/lib/registry/queries'
import { countyOf } from '../queries'
import { CHECK_ATTACHMENT_OWNER, institutionScope, stationScope } from './scope'
import { standardByTownshipOn, placesByTownshipOn } from './indicators'
import { checkPoints, placesPerThousand, tallyStandard, type CheckScore, type StandardTally } from './rules'
import type { ChildcareOperator, StationFilter, StationKind } from './schemas'

// Reads of the stations registry, checks and childcare institutions, each scoped to the subject
// (scope.ts): a row outside it looks missing.

export interface StationRow {
  id: number
  kind: StationKind
  name: string
  townshipId: number
  townshipName: string
  villageId: number | null
  villageName: string | null
  address: string
  openingHours: string
  phone: string | null
  staff: string[]
  equipment: string[]
  active: boolean
  version: number
  meetsStandard: boolean | null
  checkedOn: string | null
}

const STATION_SELECT = {
  id: true,
  kind: true,
  name: true,
  townshipId: true,
  villageId: true,
  address: true,
  openingHours: true,
  phone: true,
  staff: true,
  equipment: true,
  active: true,
  version: true,
  meetsStandard: true,
  checkedOn: true,
} as const satisfies Prisma.ServiceStationSelect

async function toRows(rows: Prisma.ServiceStationGetPayload<{ select: typeof STATION_SELECT }>[]): Promise<StationRow[]> {
  const names = await regionNames(db, new Set(rows.flatMap((r) => (r.villageId ? [r.townshipId, r.villageId] : [r.townshipId]))))
  return rows.map((r) => ({
    ...r,
    townshipName: names.get(r.townshipId) ?? '',
    villageName: r.villageId ? (names.get(r.villageId) ?? '') : null,
    checkedOn: r.checkedOn ? toIso(r.checkedOn) : null,
  }))
}

export const STATION_PAGE_SIZE = 30

/** The stations and rooms of the subject's region, filtered, in township then village order. */
export async function listStations(subject: Subject, filter: StationFilter): Promise<Page<StationRow>> {
  const and: Prisma.ServiceStationWhereInput[] = [stationScope(subject)]
  if (filter.townshipId) and.push({ townshipId: filter.townshipId })
  if (filter.kind) and.push({ kind: filter.kind })
  if (filter.standard === 'yes') and.push({ meetsStandard: true })
  if (filter.standard === 'no') and.push({ meetsStandard: false })
  if (filter.standard === 'unchecked') and.push({ meetsStandard: null })
  if (filter.q) and.push({ name: { contains: filter.q } })
  const where = { AND: and }
  const [rows, total] = await Promise.all([
    db.serviceStation.findMany({
      where,
      select: STATION_SELECT,
      orderBy: [{ townshipId: 'asc' }, { kind: 'asc' }, { villageId: 'asc' }, { id: 'asc' }],
      ...pageArgs(filter.page, STATION_PAGE_SIZE),
    }),
    db.serviceStation.count({ where }),
  ])
  return toPage(await toRows(rows), total, filter.page, STATION_PAGE_SIZE)
}

/** One station in the subject's scope, or null (missing and forbidden look the same). */
export async function getStation(subject: Subject, stationId: number): Promise<StationRow | null> {
  const row = await db.serviceStation.findFirst({ where: { AND: [stationScope(subject), { id: stationId }] }, select: STATION_SELECT })
  return row ? (await toRows([row]))[0] : null
}

/** The active stations of the subject's region (of one township, when given) to choose on a record form: name and id. */
export async function stationChoices(subject: Subject, townshipId?: number): Promise<{ id: number; name: string }[]> {
  return db.serviceStation.findMany({
    where: { AND: [stationScope(subject), { active: true }, townshipId ? { townshipId } : {}] },
    select: { id: true, name: true },
    orderBy: [{ kind: 'asc' }, { villageId: 'asc' }, { id: 'asc' }],
  })
}

export interface ChecklistItemView {
  id: number
  code: string
  nameZh: string
  nameEn: string
  core: boolean
  sortOrder: number
  active: boolean
}

/** The county's checklist, in its order; only the active items with `activeOnly`. */
export async function checklistItems(subject: Subject, activeOnly = false): Promise<ChecklistItemView[]> {
  return db.stationChecklistItem.findMany({
    where: { countyId: await countyOf(subject), ...(activeOnly ? { active: true } : {}) },
    select: { id: true, code: true, nameZh: true, nameEn: true, core: true, sortOrder: true, active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
  })
}

export interface CheckView {
  id: number
  checkedOn: string
  checkedBy: string
  notes: string | null
  meetsStandard: boolean
  points: number
  max: number
  scores: { itemId: number; nameZh: string; nameEn: string; core: boolean; score: CheckScore; note: string | null }[]
  photos: AttachmentRow[]
}

/** A station's checks, newest first, with their scores and photos (the station is already in scope). */
export async function stationChecks(stationId: number): Promise<CheckView[]> {
  const checks = await db.stationCheck.findMany({
    where: { stationId },
    select: {
      id: true,
      checkedOn: true,
      checkedBy: true,
      notes: true,
      meetsStandard: true,
      scores: { select: { itemId: true, score: true, note: true, item: { select: { nameZh: true, nameEn: true, core: true, sortOrder: true } } } },
    },
    orderBy: [{ checkedOn: 'desc' }, { id: 'desc' }],
    take: 50,
  })
  const photos = await attachmentsOf(
    db,
    CHECK_ATTACHMENT_OWNER,
    checks.map((c) => c.id),
  )
  return checks.map((c) => {
    const scores = [...c.scores]
      .sort((a, b) => a.item.sortOrder - b.item.sortOrder || a.itemId - b.itemId)
      .map((s) => ({ itemId: s.itemId, nameZh: s.item.nameZh, nameEn: s.item.nameEn, core: s.item.core, score: s.score, note: s.note }))
    return {
      id: c.id,
      checkedOn: toIso(c.checkedOn),
      checkedBy: c.checkedBy,
      notes: c.notes,
      meetsStandard: c.meetsStandard,
      ...checkPoints(scores),
      scores,
      photos: photos.get(c.id) ?? [],
    }
  })
}

/** A photo of a check of a station the subject may see, or null (then it looks missing). */
export async function visibleCheckPhoto(subject: Subject, attachmentId: number): Promise<(AttachmentRow & { checkId: number; regionId: number }) | null> {
  const owner = await db.attachment.findFirst({ where: { id: attachmentId, ownerType: CHECK_ATTACHMENT_OWNER }, select: { ownerId: true } })
  if (!owner) return null
  const check = await db.stationCheck.findFirst({
    where: { id: owner.ownerId, station: stationScope(subject) },
    select: { id: true, townshipId: true, villageId: true },
  })
  if (!check) return null
  const row = await findAttachment(db, CHECK_ATTACHMENT_OWNER, check.id, attachmentId)
  return row ? { ...row, checkId: check.id, regionId: check.villageId ?? check.townshipId } : null
}

export interface StandardView {
  rows: { townshipId: number; name: string; stations: StandardTally; rooms: StandardTally }[]
  total: { stations: StandardTally; rooms: StandardTally; all: StandardTally }
}

/** Which stations and rooms meet the standard, by township of the subject's region (active ones). */
export async function standardByTownship(subject: Subject): Promise<StandardView> {
  const stations = await db.serviceStation.findMany({
    where: { AND: [stationScope(subject), { active: true }] },
    select: { townshipId: true, kind: true, meetsStandard: true },
  })
  const countyId = await countyOf(subject)
  const townships = (await townshipsOf(db, countyId)).filter((t) => stations.some((s) => s.townshipId === t.id))
  const verdicts = (townshipId: number | null, kind: StationKind | null) =>
    stations.filter((s) => (townshipId === null || s.townshipId === townshipId) && (kind === null || s.kind === kind)).map((s) => s.meetsStandard)
  return {
    rows: townships.map((t) => ({
      townshipId: t.id,
      name: t.name,
      stations: tallyStandard(verdicts(t.id, 'TOWNSHIP_STATION')),
      rooms: tallyStandard(verdicts(t.id, 'VILLAGE_ROOM')),
    })),
    total: {
      stations: tallyStandard(verdicts(null, 'TOWNSHIP_STATION')),
      rooms: tallyStandard(verdicts(null, 'VILLAGE_ROOM')),
      all: tallyStandard(verdicts(null, null)),
    },
  }
}

// ------------------------------------------------------------------ childcare

export interface InstitutionRow {
  id: number
  townshipId: number
  townshipName: string
  name: string
  licence: string
  operator: ChildcareOperator
  places: number
  placesInUse: number
  address: string
  active: boolean
  version: number
}

/** The childcare institutions of the subject's region (a township's own, the county's all). */
export async function listInstitutions(subject: Subject, townshipId?: number): Promise<InstitutionRow[]> {
  const rows = await db.childcareInstitution.findMany({
    where: { AND: [institutionScope(subject), townshipId ? { townshipId } : {}] },
    select: {
      id: true,
      townshipId: true,
      name: true,
      licence: true,
      operator: true,
      places: true,
      placesInUse: true,
      address: true,
      active: true,
      version: true,
    },
    orderBy: [{ townshipId: 'asc' }, { name: 'asc' }],
  })
  const names = await regionNames(db, new Set(rows.map((r) => r.townshipId)))
  return rows.map((r) => ({ ...r, townshipName: names.get(r.townshipId) ?? '' }))
}

export interface PlacesCell {
  institutions: number
  places: number
  residents: number
  perThousand: number | null
}

export interface PlacesView {
  at: string
  rows: ({ townshipId: number; name: string } & PlacesCell)[]
  total: PlacesCell
}

/**
 * 千人口拥有3岁以下婴幼儿托位数 per township and in total: the places of the active institutions
 * ÷ (the register's resident population at `at` ÷ 1,000).
 */
export async function placesPerThousandView(subject: Subject, at = todayIso()): Promise<PlacesView | null> {
  if (subject.regionLevel !== 'COUNTY' && subject.regionLevel !== 'TOWNSHIP') return null
  const countyId = await countyOf(subject)
  const scope = subject.regionLevel === 'COUNTY' ? ({ column: 'countyId', id: countyId } as const) : ({ column: 'townshipId', id: subject.regionId } as const)
  const [institutions, residents, townships] = await Promise.all([
    db.childcareInstitution.findMany({ where: { AND: [institutionScope(subject), { active: true }] }, select: { townshipId: true, places: true } }),
    residentsByTownship(db, scope, at),
    townshipsOf(db, countyId),
  ])
  const shown = townships.filter((t) => subject.regionLevel === 'COUNTY' || t.id === subject.regionId)
  const cell = (townshipId: number | null): PlacesCell => {
    const mine = institutions.filter((i) => townshipId === null || i.townshipId === townshipId)
    const places = mine.reduce((s, i) => s + i.places, 0)
    const people = townshipId === null ? [...residents.values()].reduce((s, n) => s + n, 0) : (residents.get(townshipId) ?? 0)
    return { institutions: mine.length, places, residents: people, perThousand: placesPerThousand(places, people) }
  }
  return { at, rows: shown.map((t) => ({ townshipId: t.id, name: t.name, ...cell(t.id) })), total: cell(null) }
}

// ------------------------------------------------------------------ people to serve

/**
 * Living residents of the register whose name matches, inside the subject's region (and the area
 * of a station, when given: its village, or its township): the register's own search.
 */
export async function findResidents(subject: Subject, q: string, area?: { townshipId: number; villageId: number | null }) {
  const page = await searchPersons(subject, { q, regionId: area ? (area.villageId ?? area.townshipId) : undefined, alive: 'yes', page: 1 })
  return page.rows
    .filter((r) => !r.movedOut)
    .slice(0, 20)
    .map((r) => ({ id: r.id, name: r.name, place: r.regionName, birthYear: r.birthDate.slice(0, 4), birthDate: r.birthDate }))
}

export interface StationFiguresView {
  at: string
  rows: { townshipId: number; name: string; standard: StandardTally; places: PlacesCell }[]
  total: { standard: StandardTally; places: PlacesCell } | null
}

/**
 * The stations' and childcare figures on the coverage page: per township of a county (or the one
 * township) the subject may see, on `at` (the period's end). None for a village.
 */
export async function stationFigures(subject: Subject, region: { id: number; level: string }, at: string): Promise<StationFiguresView | null> {
  if (region.level !== 'COUNTY' && region.level !== 'TOWNSHIP') return null
  const countyId = await countyOf(subject)
  const [standard, places, townships] = await Promise.all([
    standardByTownshipOn(db, countyId, at),
    placesByTownshipOn(db, countyId, at),
    townshipsOf(db, countyId),
  ])
  const shown = townships.filter((t) => (region.level === 'COUNTY' ? subject.regionLevel === 'COUNTY' : t.id === region.id))
  const none = tallyStandard([])
  const placesOf = (id: number): PlacesCell => {
    const p = places.get(id) ?? { places: 0, residents: 0, perThousand: null }
    return { ...p, institutions: 0 }
  }
  const rows = shown.map((t) => ({ townshipId: t.id, name: t.name, standard: standard.get(t.id) ?? none, places: placesOf(t.id) }))
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0)
  const total =
    rows.length > 1
      ? {
          standard: {
            total: sum((r) => r.standard.total),
            meeting: sum((r) => r.standard.meeting),
            unchecked: sum((r) => r.standard.unchecked),
            share: sum((r) => r.standard.total) === 0 ? null : sum((r) => r.standard.meeting) / sum((r) => r.standard.total),
          },
          places: {
            institutions: 0,
            places: sum((r) => r.places.places),
            residents: sum((r) => r.places.residents),
            perThousand: placesPerThousand(
              sum((r) => r.places.places),
              sum((r) => r.places.residents),
            ),
          },
        }
      : null
  return { at, rows, total }
}
