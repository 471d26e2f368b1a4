import 'server-only'
import { db } from '@/lib/server/db'
import { can, type Subject } from '@/lib/access/permissions'
import { addDays } from '../rules'
import { toDate, toIso } from '@/lib/dates'
import { personNames } from '@/lib/registry/cohorts'
import { regionNames } from '@/lib/regions/lookups'
import { countyOf } from '../queries'
import { EXPIRY_WARNING_DAYS, expiryState, suggestedBatch, type ExpiryState } from './rules'
import { monthlyLedger, type LedgerRow, type LedgerUnit } from './ledger'
import { movementWhere, stationWhere } from './scope'

// Supplies reads, each inside the subject's stations (scope.ts). A dispensing's person is shown
// only where decision 0009 allows: a contraceptive item's only to township service staff of the
// station's township; the counts without the person to everyone who sees the station.

export interface StationOption {
  id: number
  name: string
  kind: 'TOWNSHIP_STATION' | 'VILLAGE_ROOM'
  townshipId: number
  villageId: number | null
}

export async function stationsInScope(subject: Subject): Promise<StationOption[]> {
  return db.serviceStation.findMany({
    where: { AND: [stationWhere(subject), { active: true }] },
    select: { id: true, name: true, kind: true, townshipId: true, villageId: true },
    orderBy: [{ townshipId: 'asc' }, { kind: 'asc' }, { name: 'asc' }],
  })
}

export async function stationInScope(subject: Subject, stationId: number): Promise<StationOption | null> {
  return db.serviceStation.findFirst({
    where: { AND: [stationWhere(subject), { id: stationId, active: true }] },
    select: { id: true, name: true, kind: true, townshipId: true, villageId: true },
  })
}

export interface ItemView {
  id: number
  code: string
  nameZh: string
  nameEn: string
  unitZh: string
  unitEn: string
  sensitive: boolean
  active: boolean
}

export async function listItems(subject: Subject): Promise<ItemView[]> {
  return db.supplyItem.findMany({
    where: { countyId: await countyOf(subject) },
    select: { id: true, code: true, nameZh: true, nameEn: true, unitZh: true, unitEn: true, sensitive: true, active: true },
    orderBy: { code: 'asc' },
  })
}

export const itemName = (i: { nameZh: string; nameEn: string }, locale: string) => (locale === 'en' ? i.nameEn : i.nameZh)
export const unitName = (i: { unitZh: string; unitEn: string }, locale: string) => (locale === 'en' ? i.unitEn : i.unitZh)

export interface StockRow {
  itemId: number
  batchId: number
  batchNo: string
  expiresOn: string
  quantity: number
  state: ExpiryState
  /** the batch first-expiring-first suggests for this item */
  suggested: boolean
}

/** A station's stock per batch (batches with nothing left are not shown), earliest expiry first. */
export async function stationStock(subject: Subject, stationId: number, today: string): Promise<StockRow[]> {
  const rows = await db.supplyStock.findMany({
    where: { stationId, station: stationWhere(subject), quantity: { gt: 0 } },
    select: { batchId: true, quantity: true, batch: { select: { itemId: true, batchNo: true, expiresOn: true } } },
  })
  const stock = rows
    .map((r) => ({ itemId: r.batch.itemId, batchId: r.batchId, batchNo: r.batch.batchNo, expiresOn: toIso(r.batch.expiresOn), quantity: r.quantity }))
    .sort((a, b) => a.itemId - b.itemId || a.expiresOn.localeCompare(b.expiresOn) || a.batchNo.localeCompare(b.batchNo))
  const suggestion = new Map<number, number>()
  for (const itemId of new Set(stock.map((s) => s.itemId))) {
    const s = suggestedBatch(
      stock.filter((x) => x.itemId === itemId),
      today,
    )
    if (s) suggestion.set(itemId, s.batchId)
  }
  return stock.map((s) => ({ ...s, state: expiryState(s.expiresOn, today), suggested: suggestion.get(s.itemId) === s.batchId }))
}

export interface ExpiryWarning {
  stationId: number
  stationName: string
  townshipId: number
  itemId: number
  batchId: number
  batchNo: string
  expiresOn: string
  quantity: number
  state: ExpiryState
}

/** Batches in stock that have expired or expire within 90 days, in the subject's stations. */
export async function expiryWarnings(subject: Subject, today: string, limit = 200): Promise<ExpiryWarning[]> {
  const rows = await db.supplyStock.findMany({
    where: { station: stationWhere(subject), quantity: { gt: 0 }, batch: { expiresOn: { lte: toDate(addDays(today, EXPIRY_WARNING_DAYS)) } } },
    select: {
      stationId: true,
      quantity: true,
      station: { select: { name: true, townshipId: true } },
      batchId: true,
      batch: { select: { itemId: true, batchNo: true, expiresOn: true } },
    },
    orderBy: [{ batch: { expiresOn: 'asc' } }, { stationId: 'asc' }],
    take: limit,
  })
  return rows.map((r) => ({
    stationId: r.stationId,
    stationName: r.station.name,
    townshipId: r.station.townshipId,
    itemId: r.batch.itemId,
    batchId: r.batchId,
    batchNo: r.batch.batchNo,
    expiresOn: toIso(r.batch.expiresOn),
    quantity: r.quantity,
    state: expiryState(toIso(r.batch.expiresOn), today),
  }))
}

export interface MovementView {
  id: number
  kind: string
  itemId: number
  batchNo: string
  delta: number
  occurredOn: string
  reason: string | null
  note: string | null
  bookQuantity: number | null
  countedQuantity: number | null
  /** the person's name, only when they asked to be recorded and the reader may see it */
  personName: string | null
}

/** Whether the subject may see the person of a dispensing (decision 0009 for contraceptive items). */
export function seesPersonOf(subject: Subject, m: { sensitive: boolean; townshipId: number }): boolean {
  if (!m.sensitive) return true
  return can(subject, 'service.sensitive') && subject.regionLevel === 'TOWNSHIP' && subject.regionId === m.townshipId
}

/** The latest movements of a station. */
export async function stationMovements(subject: Subject, stationId: number, limit = 30): Promise<MovementView[]> {
  const rows = await db.supplyMovement.findMany({
    where: { AND: [movementWhere(subject), { stationId }] },
    select: {
      id: true,
      kind: true,
      itemId: true,
      delta: true,
      occurredOn: true,
      reason: true,
      note: true,
      bookQuantity: true,
      countedQuantity: true,
      personId: true,
      sensitive: true,
      townshipId: true,
      batch: { select: { batchNo: true } },
    },
    orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }],
    take: limit,
  })
  const visible = rows.filter((r) => r.personId !== null && seesPersonOf(subject, r)).map((r) => r.personId!)
  const names = await personNames(db, visible)
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    itemId: r.itemId,
    batchNo: r.batch.batchNo,
    delta: r.delta,
    occurredOn: toIso(r.occurredOn),
    reason: r.reason,
    note: r.note,
    bookQuantity: r.bookQuantity,
    countedQuantity: r.countedQuantity,
    personName: r.personId !== null && seesPersonOf(subject, r) ? (names.get(r.personId) ?? null) : null,
  }))
}

/** What a station gave out per item and day in a month (the day list of dispensing counts). */
export async function dailyDispensing(subject: Subject, stationId: number, month: string): Promise<{ day: string; itemId: number; quantity: number }[]> {
  const start = toDate(`${month}-01`)
  const rows = await db.supplyMovement.groupBy({
    by: ['occurredOn', 'itemId'],
    where: { AND: [movementWhere(subject), { stationId, kind: 'DISPENSE', occurredOn: { gte: start, lt: toDate(addDays(`${month}-01`, 31)) } }] },
    _sum: { delta: true },
    orderBy: [{ occurredOn: 'desc' }, { itemId: 'asc' }],
  })
  return rows.filter((r) => toIso(r.occurredOn).startsWith(month)).map((r) => ({ day: toIso(r.occurredOn), itemId: r.itemId, quantity: -(r._sum.delta ?? 0) }))
}

/** The units whose ledger the subject may read: their own region and, below it, townships and stations. */
export async function ledgerFor(subject: Subject, unit: LedgerUnit, month: string): Promise<LedgerRow[] | null> {
  const countyId = await countyOf(subject)
  if (unit.kind === 'STATION') {
    if (!(await stationInScope(subject, unit.id))) return null
  } else if (unit.kind === 'TOWNSHIP') {
    if (!(subject.regionLevel === 'COUNTY' || (subject.regionLevel === 'TOWNSHIP' && subject.regionId === unit.id))) return null
    if (subject.regionLevel === 'COUNTY') {
      const inCounty = await db.serviceStation.findFirst({ where: { townshipId: unit.id, countyId }, select: { id: true } })
      if (!inCounty) return null
    }
  } else if (subject.regionLevel !== 'COUNTY' || subject.regionId !== unit.id) return null
  return monthlyLedger(db, countyId, unit, month)
}

/** The default unit of the subject: the county, their township, or their village's room. */
export async function ownUnit(subject: Subject): Promise<LedgerUnit | null> {
  if (subject.regionLevel === 'COUNTY') return { kind: 'COUNTY', id: subject.regionId }
  if (subject.regionLevel === 'TOWNSHIP') return { kind: 'TOWNSHIP', id: subject.regionId }
  const room = (await stationsInScope(subject))[0]
  return room ? { kind: 'STATION', id: room.id } : null
}

export interface LedgerView {
  unit: LedgerUnit
  unitName: string
  month: string
  rows: LedgerRow[]
  /** the units the subject may choose: value is "c-<id>", "t-<id>" or "s-<id>" */
  options: { value: string; label: string }[]
}

export const unitValue = (u: LedgerUnit) => `${u.kind === 'COUNTY' ? 'c' : u.kind === 'TOWNSHIP' ? 't' : 's'}-${u.id}`

export function parseUnit(value: string | undefined): LedgerUnit | null {
  const m = /^([cts])-([1-9]\d{0,9})$/.exec(value ?? '')
  if (!m) return null
  return { kind: m[1] === 'c' ? 'COUNTY' : m[1] === 't' ? 'TOWNSHIP' : 'STATION', id: Number(m[2]) }
}

/** The ledger page's data: the unit asked for (or the subject's own), its month, and the units to choose from. */
export async function ledgerView(
  subject: Subject,
  unitParam: string | undefined,
  month: string,
  labels: { county: string; township: string },
): Promise<LedgerView | null> {
  const stations = await stationsInScope(subject)
  const townshipIds = [...new Set(stations.map((s) => s.townshipId))]
  const regionIds = subject.regionLevel === 'COUNTY' ? [subject.regionId, ...townshipIds] : townshipIds
  const names = await regionNames(db, regionIds)
  const options: LedgerView['options'] = []
  if (subject.regionLevel === 'COUNTY')
    options.push({ value: unitValue({ kind: 'COUNTY', id: subject.regionId }), label: `${names.get(subject.regionId) ?? ''} ${labels.county}` })
  if (subject.regionLevel === 'COUNTY' || subject.regionLevel === 'TOWNSHIP') {
    for (const id of townshipIds) options.push({ value: unitValue({ kind: 'TOWNSHIP', id }), label: `${names.get(id) ?? ''} ${labels.township}` })
  }
  for (const s of stations) options.push({ value: unitValue({ kind: 'STATION', id: s.id }), label: s.name })
  const unit = parseUnit(unitParam) ?? (await ownUnit(subject))
  if (!unit) return null
  const rows = await ledgerFor(subject, unit, month)
  if (!rows) return null
  const unitName = options.find((o) => o.value === unitValue(unit))?.label ?? ''
  return { unit, unitName, month, rows, options }
}
