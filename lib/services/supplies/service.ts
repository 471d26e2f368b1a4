import 'server-only'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import type { ServiceContext } from '@/lib/server/context'
import { AppError } from '@/lib/server/errors'
import { once } from '@/lib/server/idempotency'
import { can, type Action } from '@/lib/access/permissions'
import type { MessageKey } from '@/lib/i18n/core'
import { toDate, todayIso, toIso } from '@/lib/dates'
import { hashIdNumber } from '@/lib/registry/crypto'
import { countyOf } from '../queries'
import { allocate, available, expiryState, type BatchStock } from './rules'
import { stationWhere } from './scope'
import type { DispenseInput, ItemInput, ReceiveInput, StocktakeInput, TransferInput, WriteOffInput } from './schemas'

// Supplies ledger writes (药具管理): each in one transaction with its audit event. A station's stock
// of a batch is one SupplyStock row; every change locks the rows it takes from (SELECT … FOR
// UPDATE), checks the quantity, then writes the movement and the new quantity, so concurrent
// dispensings queue on the row and the second sees what the first left. The CHECK constraint
// (quantity >= 0) is the last line should a future write forget the lock.

const fieldError = (field: string, key: MessageKey, params?: Record<string, string | number>) => new AppError(key, params, { [field]: key })

type StationRow = { id: number; countyId: number; townshipId: number; villageId: number | null; kind: 'TOWNSHIP_STATION' | 'VILLAGE_ROOM'; name: string }

/** A station inside the subject's region, or a refusal that looks like a missing one (and is audited). */
async function stationFor(tx: Tx, ctx: ServiceContext, stationId: number, action: Action, field = 'stationId'): Promise<StationRow> {
  const station = await tx.serviceStation.findFirst({
    where: { AND: [stationWhere(ctx.subject), { id: stationId, active: true }] },
    select: { id: true, countyId: true, townshipId: true, villageId: true, kind: true, name: true },
  })
  if (!station) {
    if (await tx.serviceStation.findUnique({ where: { id: stationId }, select: { id: true } })) await auditDenied(ctx.actor, action, { stationId })
    throw fieldError(field, 'supplies.errors.station')
  }
  return station
}

const regionOf = (s: StationRow) => s.villageId ?? s.townshipId

function checkDate(field: string, date: string, today: string) {
  if (date > today) throw fieldError(field, 'supplies.errors.future')
}

/** The station's batches of an item, locked until the transaction ends, earliest expiry first. */
async function lockItemStock(tx: Tx, stationId: number, itemId: number): Promise<BatchStock[]> {
  const rows = await tx.$queryRaw<{ batchId: number; batchNo: string; expiresOn: Date; quantity: number }[]>`
    SELECT s."batchId", b."batchNo", b."expiresOn", s.quantity
      FROM "SupplyStock" s JOIN "SupplyBatch" b ON b.id = s."batchId"
     WHERE s."stationId" = ${stationId} AND b."itemId" = ${itemId}
     ORDER BY b."expiresOn", s."batchId"
       FOR UPDATE OF s`
  return rows.map((r) => ({ batchId: r.batchId, batchNo: r.batchNo, expiresOn: toIso(r.expiresOn), quantity: r.quantity }))
}

async function addStock(tx: Tx, station: StationRow, batchId: number, quantity: number) {
  await tx.$executeRaw`
    INSERT INTO "SupplyStock" ("stationId", "batchId", "countyId", "townshipId", quantity)
    VALUES (${station.id}, ${batchId}, ${station.countyId}, ${station.townshipId}, ${quantity})
    ON CONFLICT ("stationId", "batchId") DO UPDATE SET quantity = "SupplyStock".quantity + EXCLUDED.quantity`
}

async function takeStock(tx: Tx, stationId: number, batchId: number, quantity: number) {
  await tx.$executeRaw`UPDATE "SupplyStock" SET quantity = quantity - ${quantity} WHERE "stationId" = ${stationId} AND "batchId" = ${batchId}`
}

async function itemOf(tx: Tx, countyId: number, itemId: number) {
  const item = await tx.supplyItem.findFirst({ where: { id: itemId, countyId, active: true } })
  if (!item) throw fieldError('itemId', 'errors.invalid')
  return item
}

interface MovementData {
  station: StationRow
  itemId: number
  batchId: number
  kind: 'RECEIVE' | 'TRANSFER_OUT' | 'TRANSFER_IN' | 'DISPENSE' | 'WRITE_OFF' | 'STOCKTAKE'
  delta: number
  occurredOn: string
  counterpartStationId?: number
  reason?: 'EXPIRED' | 'DAMAGED'
  note?: string
  bookQuantity?: number
  countedQuantity?: number
  personId?: number
  sensitive?: boolean
}

/** Writes one movement and its audit event. */
async function movement(tx: Tx, ctx: ServiceContext, m: MovementData): Promise<number> {
  const row = await tx.supplyMovement.create({
    data: {
      countyId: m.station.countyId,
      townshipId: m.station.townshipId,
      villageId: m.station.villageId,
      stationId: m.station.id,
      itemId: m.itemId,
      batchId: m.batchId,
      kind: m.kind,
      delta: m.delta,
      occurredOn: toDate(m.occurredOn),
      counterpartStationId: m.counterpartStationId ?? null,
      reason: m.reason ?? null,
      note: m.note ?? null,
      bookQuantity: m.bookQuantity ?? null,
      countedQuantity: m.countedQuantity ?? null,
      personId: m.personId ?? null,
      sensitive: m.sensitive ?? false,
      recordedById: ctx.subject.id,
    },
    select: { id: true },
  })
  await audit(tx, ctx.actor, {
    action: `supply.${m.kind.toLowerCase()}`,
    entity: 'SupplyMovement',
    entityId: row.id,
    regionId: regionOf(m.station),
    after: {
      stationId: m.station.id,
      itemId: m.itemId,
      batchId: m.batchId,
      delta: m.delta,
      occurredOn: m.occurredOn,
      ...(m.counterpartStationId ? { counterpartStationId: m.counterpartStationId } : {}),
      ...(m.reason ? { reason: m.reason } : {}),
      ...(m.note ? { note: m.note } : {}),
      ...(m.bookQuantity !== undefined ? { bookQuantity: m.bookQuantity, countedQuantity: m.countedQuantity ?? null } : {}),
      ...(m.personId ? { personId: m.personId } : {}),
    },
  })
  return row.id
}

/** Takes `quantity` of an item from a station (the batch chosen, or first-expiring-first), or refuses. */
async function takeItem(tx: Tx, station: StationRow, itemId: number, quantity: number, today: string, batchId?: number) {
  const batches = await lockItemStock(tx, station.id, itemId)
  const plan = allocate(batches, quantity, today, batchId)
  if (!plan) {
    const chosen = batchId === undefined ? undefined : batches.find((b) => b.batchId === batchId)
    if (chosen && expiryState(chosen.expiresOn, today) === 'EXPIRED') throw fieldError('batchId', 'supplies.errors.batchExpired')
    throw fieldError('quantity', 'supplies.errors.notEnough', { available: available(batches, today, batchId) })
  }
  for (const p of plan) await takeStock(tx, station.id, p.batchId, p.quantity)
  return plan
}

// ------------------------------------------------------------------ the catalogue

export async function createItem(ctx: ServiceContext, input: ItemInput): Promise<{ itemId: number }> {
  const countyId = await countyOf(ctx.subject)
  return db.$transaction(async (tx) => {
    if (await tx.supplyItem.findUnique({ where: { countyId_code: { countyId, code: input.code } }, select: { id: true } })) {
      throw fieldError('code', 'supplies.errors.codeTaken')
    }
    const item = await tx.supplyItem.create({ data: { ...input, countyId } })
    await audit(tx, ctx.actor, { action: 'supply.item.create', entity: 'SupplyItem', entityId: item.id, regionId: countyId, after: { ...input } })
    return { itemId: item.id }
  })
}

// ------------------------------------------------------------------ movements

/** The county's allocation arrives at a township station: a batch (new, or known with the same expiry). */
export async function receiveSupplies(ctx: ServiceContext, input: ReceiveInput, today = todayIso()): Promise<{ movementId: number }> {
  checkDate('occurredOn', input.occurredOn, today)
  if (input.expiresOn < input.occurredOn) throw fieldError('expiresOn', 'supplies.errors.receiveExpired')
  return db.$transaction(async (tx) => {
    const station = await stationFor(tx, ctx, input.stationId, 'supply.allocate')
    if (station.kind !== 'TOWNSHIP_STATION') throw fieldError('stationId', 'supplies.errors.receiveAtStation')
    const item = await itemOf(tx, station.countyId, input.itemId)
    return once(tx, input.formKey, ctx.subject.id, 'supply.receive', async () => {
      // the batch number is the maker's: the same number with another expiry is a typing mistake
      await tx.$executeRaw`
        INSERT INTO "SupplyBatch" ("countyId", "itemId", "batchNo", "expiresOn")
        VALUES (${station.countyId}, ${item.id}, ${input.batchNo}, ${toDate(input.expiresOn)})
        ON CONFLICT ("itemId", "batchNo") DO NOTHING`
      const batch = await tx.supplyBatch.findUniqueOrThrow({ where: { itemId_batchNo: { itemId: item.id, batchNo: input.batchNo } } })
      if (toIso(batch.expiresOn) !== input.expiresOn) throw fieldError('expiresOn', 'supplies.errors.batchExpiry', { expiresOn: toIso(batch.expiresOn) })
      await addStock(tx, station, batch.id, input.quantity)
      const movementId = await movement(tx, ctx, {
        station,
        itemId: item.id,
        batchId: batch.id,
        kind: 'RECEIVE',
        delta: input.quantity,
        occurredOn: input.occurredOn,
      })
      return { movementId }
    })
  })
}

/** A township station gives supplies to one of its village rooms: out at one end, in at the other. */
export async function transferSupplies(ctx: ServiceContext, input: TransferInput, today = todayIso()): Promise<{ moved: number }> {
  checkDate('occurredOn', input.occurredOn, today)
  return db.$transaction(async (tx) => {
    const from = await stationFor(tx, ctx, input.fromStationId, 'supply.manage', 'fromStationId')
    const to = await stationFor(tx, ctx, input.toStationId, 'supply.manage', 'toStationId')
    if (from.kind !== 'TOWNSHIP_STATION' || to.kind !== 'VILLAGE_ROOM' || to.townshipId !== from.townshipId) {
      throw fieldError('toStationId', 'supplies.errors.transferDown')
    }
    const item = await itemOf(tx, from.countyId, input.itemId)
    return once(tx, input.formKey, ctx.subject.id, 'supply.transfer', async () => {
      const plan = await takeItem(tx, from, item.id, input.quantity, today, input.batchId)
      for (const p of plan) {
        await addStock(tx, to, p.batchId, p.quantity)
        const common = { itemId: item.id, batchId: p.batchId, occurredOn: input.occurredOn }
        await movement(tx, ctx, { ...common, station: from, kind: 'TRANSFER_OUT', delta: -p.quantity, counterpartStationId: to.id })
        await movement(tx, ctx, { ...common, station: to, kind: 'TRANSFER_IN', delta: p.quantity, counterpartStationId: from.id })
      }
      return { moved: input.quantity }
    })
  })
}

/**
 * A day's dispensing of an item at a station. A person is named only at their request; a
 * contraceptive item's person link only by the roles of decision 0009 (service.sensitive), and
 * the person must be in the recorder's region.
 */
export async function dispenseSupplies(ctx: ServiceContext, input: DispenseInput, today = todayIso()): Promise<{ dispensed: number }> {
  checkDate('occurredOn', input.occurredOn, today)
  return db.$transaction(async (tx) => {
    const station = await stationFor(tx, ctx, input.stationId, 'supply.dispense')
    const item = await itemOf(tx, station.countyId, input.itemId)
    let personId: number | undefined
    if (input.recordPerson && input.idNumber) {
      if (item.sensitive && !can(ctx.subject, 'service.sensitive')) throw fieldError('recordPerson', 'supplies.errors.personSensitive')
      const person = await tx.person.findFirst({
        where: { countyId: station.countyId, idHash: hashIdNumber(input.idNumber), townshipId: station.townshipId, deathDate: null },
        select: { id: true, villageId: true },
      })
      if (!person || (ctx.subject.regionLevel === 'VILLAGE' && person.villageId !== ctx.subject.regionId))
        throw fieldError('idNumber', 'supplies.errors.personNotFound')
      personId = person.id
    }
    return once(tx, input.formKey, ctx.subject.id, 'supply.dispense', async () => {
      const plan = await takeItem(tx, station, item.id, input.quantity, today, input.batchId)
      for (const p of plan) {
        await movement(tx, ctx, {
          station,
          itemId: item.id,
          batchId: p.batchId,
          kind: 'DISPENSE',
          delta: -p.quantity,
          occurredOn: input.occurredOn,
          personId,
          sensitive: item.sensitive,
        })
      }
      return { dispensed: input.quantity }
    })
  })
}

/** Expired or damaged supplies leave the book with a reason. */
export async function writeOffSupplies(ctx: ServiceContext, input: WriteOffInput, today = todayIso()): Promise<{ movementId: number }> {
  checkDate('occurredOn', input.occurredOn, today)
  return db.$transaction(async (tx) => {
    const station = await stationFor(tx, ctx, input.stationId, 'supply.manage')
    const [row] = await tx.$queryRaw<{ quantity: number; itemId: number; expiresOn: Date }[]>`
      SELECT s.quantity, b."itemId", b."expiresOn" FROM "SupplyStock" s JOIN "SupplyBatch" b ON b.id = s."batchId"
       WHERE s."stationId" = ${station.id} AND s."batchId" = ${input.batchId} FOR UPDATE OF s`
    if (!row) throw fieldError('batchId', 'errors.invalid')
    if (input.reason === 'EXPIRED' && expiryState(toIso(row.expiresOn), input.occurredOn) !== 'EXPIRED')
      throw fieldError('reason', 'supplies.errors.notExpired')
    return once(tx, input.formKey, ctx.subject.id, 'supply.writeOff', async () => {
      if (input.quantity > row.quantity) throw fieldError('quantity', 'supplies.errors.notEnough', { available: row.quantity })
      await takeStock(tx, station.id, input.batchId, input.quantity)
      const movementId = await movement(tx, ctx, {
        station,
        itemId: row.itemId,
        batchId: input.batchId,
        kind: 'WRITE_OFF',
        delta: -input.quantity,
        occurredOn: input.occurredOn,
        reason: input.reason,
        note: input.note,
      })
      return { movementId }
    })
  })
}

/**
 * A stocktake: the counted quantity of each batch becomes the book's, and each batch counted gets
 * a STOCKTAKE movement with the book and counted quantities (a difference of 0 records 帐物卡相符).
 * A difference needs a reason.
 */
export async function takeStocktake(ctx: ServiceContext, input: StocktakeInput, today = todayIso()): Promise<{ differences: number }> {
  checkDate('occurredOn', input.occurredOn, today)
  return db.$transaction(async (tx) => {
    const station = await stationFor(tx, ctx, input.stationId, 'supply.dispense')
    const ids = input.counts.map((c) => c.batchId)
    const rows = await tx.$queryRaw<{ batchId: number; itemId: number; quantity: number }[]>`
      SELECT s."batchId", b."itemId", s.quantity FROM "SupplyStock" s JOIN "SupplyBatch" b ON b.id = s."batchId"
       WHERE s."stationId" = ${station.id} AND s."batchId" = ANY(${ids}::int[]) ORDER BY s."batchId" FOR UPDATE OF s`
    const book = new Map(rows.map((r) => [r.batchId, r]))
    for (const c of input.counts) if (!book.has(c.batchId)) throw fieldError(`count_${c.batchId}`, 'errors.invalid')
    const differences = input.counts.filter((c) => book.get(c.batchId)!.quantity !== c.counted).length
    if (differences > 0 && !input.reason) throw fieldError('reason', 'supplies.errors.reasonRequired')
    return once(tx, input.formKey, ctx.subject.id, 'supply.stocktake', async () => {
      for (const c of input.counts) {
        const b = book.get(c.batchId)!
        const delta = c.counted - b.quantity
        if (delta !== 0) await tx.$executeRaw`UPDATE "SupplyStock" SET quantity = ${c.counted} WHERE "stationId" = ${station.id} AND "batchId" = ${c.batchId}`
        await movement(tx, ctx, {
          station,
          itemId: b.itemId,
          batchId: c.batchId,
          kind: 'STOCKTAKE',
          delta,
          occurredOn: input.occurredOn,
          bookQuantity: b.quantity,
          countedQuantity: c.counted,
          note: delta !== 0 ? input.reason : undefined,
        })
      }
      return { differences }
    })
  })
}
