import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { createClient } from '@/lib/db/client'
import { buildDemoCounty, DEMO_PLACES } from '@/prisma/seed/demo'
import { db } from '../setup/db'
import { staff } from './helpers'
import { makeCounty, personInput, uniqueIdNumber } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { makeStations, makeSupplyItems } from '@/tests/factories/supplies'
import { dispenseSupplies, receiveSupplies, takeStocktake, transferSupplies, writeOffSupplies } from '@/lib/services/supplies/service'
import { expiryWarnings, ledgerFor, stationMovements, stationStock } from '@/lib/services/supplies/queries'
import { monthlyLedger } from '@/lib/services/supplies/ledger'
import { dispenseSchema, stocktakeSchema } from '@/lib/services/supplies/schemas'
import { AppError } from '@/lib/server/errors'
import { todayIso } from '@/lib/dates'
import { addDays } from '@/lib/services/rules'

// The supplies ledger against the real database: stock never negative under concurrent dispensing
// (the row lock, and the CHECK constraint underneath), the monthly ledger reconciles with the stock
// table, scoping of stations and of the person a dispensing names (decision 0009).

const today = todayIso()
const ago = (days: number) => addDays(today, -days)
const month = today.slice(0, 7)

async function setting() {
  const tree = await makeCounty(db)
  const items = await makeSupplyItems(db, tree.county.id)
  const stations = await makeStations(db, tree)
  const [village, otherVillage, farVillage] = tree.villages
  const idNumber = uniqueIdNumber('1995-03-01', 'FEMALE')
  const { members } = await makeHousehold(db, village, {
    address: '药具路1号',
    members: [{ ...personInput({ name: '李药具', sex: 'FEMALE', birthDate: '1995-03-01', idNumber }), relation: 'SELF' }],
  })
  const who = {
    county: await staff('COUNTY_OFFICIAL', tree.county),
    township: await staff('TOWNSHIP_STAFF', tree.townships[0]),
    service: await staff('TOWNSHIP_SERVICE_STAFF', tree.townships[0]),
    otherTownship: await staff('TOWNSHIP_STAFF', tree.townships[1]),
    village: await staff('VILLAGE_OFFICER', village),
  }
  const station = stations.get(tree.townships[0].id)!
  const room = stations.get(village.id)!
  return { ...tree, items, stations, station, room, village, otherVillage, farVillage, person: members[0], idNumber, who }
}
type Setting = Awaited<ReturnType<typeof setting>>
const ctx = (user: Awaited<ReturnType<typeof staff>>) => ({ actor: user, subject: user })

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

let batchCounter = 0
/** The county allocates `quantity` of an item to the township station, as a new batch. */
async function receive(s: Setting, code: string, quantity: number, expiresOn = addDays(today, 365), occurredOn = ago(40)) {
  batchCounter += 1
  const batchNo = `T${process.pid}-${batchCounter}`
  await receiveSupplies(ctx(s.who.county), { stationId: s.station.id, itemId: s.items.get(code)!, batchNo, expiresOn, quantity, occurredOn })
  return (await db.supplyBatch.findFirstOrThrow({ where: { batchNo, itemId: s.items.get(code)! } })).id
}

const stockOf = async (stationId: number) =>
  (await db.supplyStock.findMany({ where: { stationId }, select: { quantity: true } })).reduce((sum, r) => sum + r.quantity, 0)

const dispense = (fields: Record<string, string>) => dispenseSchema.parse({ occurredOn: today, ...fields })

describe('stock never goes negative', () => {
  it('of 20 parallel dispensings of 1 at a stock of 7, exactly 7 go out and 13 get a clear refusal', async () => {
    const s = await setting()
    await receive(s, 'FOLIC', 7)
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        dispenseSupplies(ctx(s.who.township), dispense({ stationId: String(s.station.id), itemId: String(s.items.get('FOLIC')), quantity: '1' })),
      ),
    )
    const done = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(done).toHaveLength(7)
    expect(refused).toHaveLength(13)
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError)
      expect((r.reason as AppError).key).toBe('supplies.errors.notEnough')
    }
    expect(await stockOf(s.station.id)).toBe(0)
    const out = await db.supplyMovement.aggregate({ where: { stationId: s.station.id, kind: 'DISPENSE' }, _sum: { delta: true }, _count: true })
    expect(out._sum.delta).toBe(-7)
    expect(out._count).toBe(7)
  })

  it('a dispensing larger than the stock writes nothing and says how much there is', async () => {
    const s = await setting()
    await receive(s, 'CONDOM', 5)
    const auditsBefore = await db.auditEvent.count({ where: { action: 'supply.dispense' } })
    const error = await refusal(
      dispenseSupplies(ctx(s.who.township), dispense({ stationId: String(s.station.id), itemId: String(s.items.get('CONDOM')), quantity: '6' })),
    )
    expect(error.key).toBe('supplies.errors.notEnough')
    expect(error.params).toEqual({ available: 5 })
    expect(await stockOf(s.station.id)).toBe(5)
    expect(await db.supplyMovement.count({ where: { stationId: s.station.id, kind: 'DISPENSE' } })).toBe(0)
    expect(await db.auditEvent.count({ where: { action: 'supply.dispense' } })).toBe(auditsBefore)
  })

  it('the CHECK constraint refuses a negative quantity written past the service', async () => {
    const s = await setting()
    const batchId = await receive(s, 'PILL', 2)
    await expect(
      db.$executeRaw`UPDATE "SupplyStock" SET quantity = quantity - 3 WHERE "stationId" = ${s.station.id} AND "batchId" = ${batchId}`,
    ).rejects.toThrow(/SupplyStock_quantity_check/)
  })
})

describe('first-expiring-first and expiry', () => {
  it('takes from the earliest-expiring batch, spills into the next, and never gives out an expired one', async () => {
    const s = await setting()
    const late = await receive(s, 'FOLIC', 10, addDays(today, 300))
    const soon = await receive(s, 'FOLIC', 3, addDays(today, 30))
    const gone = await receive(s, 'FOLIC', 4, addDays(today, 5), ago(40))
    // the batch expiring in 5 days is suggested first
    const stock = await stationStock(s.who.township, s.station.id, today)
    expect(stock.find((b) => b.suggested)?.batchId).toBe(gone)
    await dispenseSupplies(ctx(s.who.township), dispense({ stationId: String(s.station.id), itemId: String(s.items.get('FOLIC')), quantity: '6' }), today)
    const left = new Map((await db.supplyStock.findMany({ where: { stationId: s.station.id } })).map((r) => [r.batchId, r.quantity]))
    expect([left.get(gone), left.get(soon), left.get(late)]).toEqual([0, 1, 10])
    // a batch received before it expired, expired yesterday: never given out, warned about with the one of 30 days
    const expired = await receive(s, 'FOLIC', 4, ago(1), ago(30))
    const chosen = await refusal(
      dispenseSupplies(
        ctx(s.who.township),
        dispense({ stationId: String(s.station.id), itemId: String(s.items.get('FOLIC')), quantity: '1', batchId: String(expired) }),
      ),
    )
    expect(chosen.key).toBe('supplies.errors.batchExpired')
    const all = await refusal(
      dispenseSupplies(ctx(s.who.township), dispense({ stationId: String(s.station.id), itemId: String(s.items.get('FOLIC')), quantity: '12' })),
    )
    expect(all.params).toEqual({ available: 11 })
    const warnings = await expiryWarnings(s.who.township, today)
    expect(warnings.filter((w) => w.stationId === s.station.id).map((w) => [w.batchId, w.state])).toEqual([
      [expired, 'EXPIRED'],
      [soon, 'EXPIRING'],
    ])
    // an already expired batch cannot be received
    expect((await refusal(receive(s, 'PILL', 4, ago(1), today))).key).toBe('supplies.errors.receiveExpired')
  })

  it('writes off an expired batch with its reason, and refuses "expired" for a batch that is not', async () => {
    const s = await setting()
    const batch = await receive(s, 'CONDOM', 8, addDays(today, 200))
    const error = await refusal(
      writeOffSupplies(ctx(s.who.township), { stationId: s.station.id, batchId: batch, quantity: 2, reason: 'EXPIRED', occurredOn: today, note: undefined }),
    )
    expect(error.key).toBe('supplies.errors.notExpired')
    await writeOffSupplies(ctx(s.who.township), { stationId: s.station.id, batchId: batch, quantity: 2, reason: 'DAMAGED', occurredOn: today, note: '受潮' })
    expect(await stockOf(s.station.id)).toBe(6)
    // a later date on which it has expired: the write-off as expired is accepted
    await writeOffSupplies(
      ctx(s.who.township),
      { stationId: s.station.id, batchId: batch, quantity: 6, reason: 'EXPIRED', occurredOn: addDays(today, 201), note: undefined },
      addDays(today, 201),
    )
    expect(await stockOf(s.station.id)).toBe(0)
  })
})

describe('the monthly ledger', () => {
  it('opening + in − out = closing, equal to the stock table, for the station, the room, the township and the county', async () => {
    const s = await setting()
    const folic = s.items.get('FOLIC')!
    await receive(s, 'FOLIC', 100, addDays(today, 400), ago(70))
    await transferSupplies(ctx(s.who.township), { fromStationId: s.station.id, toStationId: s.room.id, itemId: folic, quantity: 30, occurredOn: ago(60) })
    await dispenseSupplies(ctx(s.who.village), dispense({ stationId: String(s.room.id), itemId: String(folic), quantity: '4', occurredOn: ago(50) }))
    await receive(s, 'FOLIC', 20, addDays(today, 500), today)
    await transferSupplies(ctx(s.who.township), { fromStationId: s.station.id, toStationId: s.room.id, itemId: folic, quantity: 10, occurredOn: today })
    await dispenseSupplies(ctx(s.who.village), dispense({ stationId: String(s.room.id), itemId: String(folic), quantity: '3' }))
    const roomBatches = await stationStock(s.who.village, s.room.id, today)
    // the room counts one box fewer than the book: a stocktake with a reason
    const counts = Object.fromEntries(roomBatches.map((b, i) => [`count_${b.batchId}`, String(i === 0 ? b.quantity - 1 : b.quantity)]))
    const missing = await refusal(takeStocktake(ctx(s.who.village), stocktakeSchema.parse({ stationId: String(s.room.id), occurredOn: today, ...counts })))
    expect(missing.key).toBe('supplies.errors.reasonRequired')
    await takeStocktake(ctx(s.who.village), stocktakeSchema.parse({ stationId: String(s.room.id), occurredOn: today, reason: '破损未登记', ...counts }))

    const station = (await monthlyLedger(db, s.county.id, { kind: 'STATION', id: s.station.id }, month)).find((r) => r.itemId === folic)!
    const room = (await monthlyLedger(db, s.county.id, { kind: 'STATION', id: s.room.id }, month)).find((r) => r.itemId === folic)!
    expect(station).toMatchObject({ opening: 70, received: 20, transferredOut: 10, closing: 80 })
    expect(room).toMatchObject({ opening: 26, transferredIn: 10, dispensed: 3, adjusted: -1, closing: 32 })
    expect(room.stocktake).toEqual({ on: today, book: 33, counted: 32 })
    expect(station.closing).toBe(await stockOf(s.station.id))
    expect(room.closing).toBe(await stockOf(s.room.id))
    // last month's closing is this month's opening
    const [y, m] = month.split('-').map(Number)
    const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
    const before = (await monthlyLedger(db, s.county.id, { kind: 'STATION', id: s.room.id }, previous)).find((r) => r.itemId === folic)!
    expect(before.closing).toBe(room.opening)
    // the township's and the county's lines are the sums of their stations'
    const township = (await monthlyLedger(db, s.county.id, { kind: 'TOWNSHIP', id: s.townships[0].id }, month)).find((r) => r.itemId === folic)!
    const county = (await monthlyLedger(db, s.county.id, { kind: 'COUNTY', id: s.county.id }, month)).find((r) => r.itemId === folic)!
    expect(township.closing).toBe(station.closing + room.closing)
    expect(county).toEqual(township)
    expect(township.stocktake).toEqual({ on: today, book: 33, counted: 32 })
  })
})

describe('scoping', () => {
  it('a village officer dispenses at their own room only; township staff transfer to their own rooms only', async () => {
    const s = await setting()
    await receive(s, 'FOLIC', 10)
    const other = s.stations.get(s.otherVillage.id)!
    const far = s.stations.get(s.farVillage.id)!
    const denied = await db.auditEvent.count({ where: { action: 'permission.denied', actorId: s.who.village.id } })
    const e1 = await refusal(
      dispenseSupplies(ctx(s.who.village), dispense({ stationId: String(other.id), itemId: String(s.items.get('FOLIC')), quantity: '1' })),
    )
    expect(e1.key).toBe('supplies.errors.station')
    expect(await db.auditEvent.count({ where: { action: 'permission.denied', actorId: s.who.village.id } })).toBe(denied + 1)
    const e2 = await refusal(
      transferSupplies(ctx(s.who.township), {
        fromStationId: s.station.id,
        toStationId: far.id,
        itemId: s.items.get('FOLIC')!,
        quantity: 1,
        occurredOn: today,
      }),
    )
    expect(e2.key).toBe('supplies.errors.station')
    const e3 = await refusal(
      transferSupplies(ctx(s.who.otherTownship), {
        fromStationId: s.station.id,
        toStationId: s.room.id,
        itemId: s.items.get('FOLIC')!,
        quantity: 1,
        occurredOn: today,
      }),
    )
    expect(e3.key).toBe('supplies.errors.station')
    expect(await stockOf(s.station.id)).toBe(10)
    // reads: another township's ledger and another room's stock look missing
    expect(await ledgerFor(s.who.otherTownship, { kind: 'TOWNSHIP', id: s.townships[0].id }, month)).toBeNull()
    expect(await ledgerFor(s.who.village, { kind: 'STATION', id: s.station.id }, month)).toBeNull()
    expect(await stationStock(s.who.otherTownship, s.station.id, today)).toEqual([])
    expect(await ledgerFor(s.who.county, { kind: 'TOWNSHIP', id: s.townships[0].id }, month)).not.toBeNull()
  })

  it('a contraceptive dispensing names a person only at the service staff, and only they see the name', async () => {
    const s = await setting()
    await receive(s, 'CONDOM', 10)
    await receive(s, 'FOLIC', 10)
    await transferSupplies(ctx(s.who.township), {
      fromStationId: s.station.id,
      toStationId: s.room.id,
      itemId: s.items.get('CONDOM')!,
      quantity: 5,
      occurredOn: today,
    })
    const asked = { recordPerson: 'on', idNumber: s.idNumber }
    const e = await refusal(
      dispenseSupplies(ctx(s.who.village), dispense({ stationId: String(s.room.id), itemId: String(s.items.get('CONDOM')), quantity: '1', ...asked })),
    )
    expect(e.key).toBe('supplies.errors.personSensitive')
    await dispenseSupplies(ctx(s.who.service), dispense({ stationId: String(s.station.id), itemId: String(s.items.get('CONDOM')), quantity: '1', ...asked }))
    await dispenseSupplies(ctx(s.who.township), dispense({ stationId: String(s.station.id), itemId: String(s.items.get('FOLIC')), quantity: '1', ...asked }))
    const names = async (user: Awaited<ReturnType<typeof staff>>) =>
      (await stationMovements(user, s.station.id))
        .filter((m) => m.kind === 'DISPENSE')
        .map((m) => `${m.itemId === s.items.get('CONDOM') ? 'C' : 'F'}:${m.personName ?? '-'}`)
    expect((await names(s.who.service)).sort()).toEqual(['C:李药具', 'F:李药具'])
    expect((await names(s.who.township)).sort()).toEqual(['C:-', 'F:李药具'])
    expect((await names(s.who.county)).sort()).toEqual(['C:-', 'F:李药具'])
    // without the box ticked, no person is recorded even when a number was typed
    await dispenseSupplies(
      ctx(s.who.service),
      dispenseSchema.parse({ stationId: String(s.station.id), itemId: String(s.items.get('CONDOM')), quantity: '1', occurredOn: today, idNumber: s.idNumber }),
    )
    expect(await db.supplyMovement.count({ where: { stationId: s.station.id, kind: 'DISPENSE', personId: { not: null } } })).toBe(2)
  })

  it('every movement is audited, and a repeated form (the double click) writes once', async () => {
    const s = await setting()
    await receive(s, 'FOLIC', 10)
    const formKey = crypto.randomUUID()
    const input = dispense({ stationId: String(s.station.id), itemId: String(s.items.get('FOLIC')), quantity: '2', formKey })
    await Promise.all([dispenseSupplies(ctx(s.who.township), input), dispenseSupplies(ctx(s.who.township), input)])
    expect(await stockOf(s.station.id)).toBe(8)
    const moves = await db.supplyMovement.findMany({ where: { stationId: s.station.id }, select: { id: true } })
    const audited = await db.auditEvent.count({ where: { entity: 'SupplyMovement', entityId: { in: moves.map((m) => String(m.id)) } } })
    expect(moves).toHaveLength(2)
    expect(audited).toBe(2)
  })
})

describe('the inbox', () => {
  it("offers the township staff their stations' batches that expire within 90 days, and nobody else's", async () => {
    const { inboxSources } = await import('@/lib/inbox/registry')
    const source = inboxSources().get('supplies')!
    const { translator } = await import('@/lib/i18n/core')
    const s = await setting()
    await receive(s, 'FOLIC', 5, addDays(today, 20))
    await receive(s, 'FOLIC', 5, addDays(today, 200))
    const items = async (user: Awaited<ReturnType<typeof staff>>) => source({ ctx: ctx(user), t: translator('zh-CN'), today })
    const mine = await items(s.who.township)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ module: 'supplies', dueDate: addDays(today, 20), href: `/services/supplies?stationId=${s.station.id}` })
    expect(mine[0].title).toContain('叶酸片')
    expect(await items(s.who.otherTownship)).toEqual([])
    expect(await items(s.who.village)).toEqual([])
  })
})

describe("the demo county's supplies", { timeout: 300_000 }, () => {
  it('has two years of movements that reconcile with the stock, a batch near expiry, an expired one awaiting write-off, and stocktakes with a difference', async () => {
    const server = inject('pgServerUrl')
    const admin = new pg.Client({ connectionString: `${server}postgres` })
    await admin.connect()
    await admin.query('DROP DATABASE IF EXISTS xz_demo_supplies')
    await admin.query('CREATE DATABASE xz_demo_supplies TEMPLATE xz_template')
    await admin.end()
    const demo = createClient(`${server}xz_demo_supplies`)
    try {
      const day = '2026-11-22'
      await buildDemoCounty(demo, { residents: 3000, today: day, now: new Date('2026-11-22T10:00:00+08:00') })
      expect((await demo.supplyItem.findMany({ select: { code: true }, orderBy: { code: 'asc' } })).map((i) => i.code)).toEqual(['CONDOM', 'FOLIC', 'PILL'])
      const counts = await demo.supplyMovement.groupBy({ by: ['kind'], _count: true })
      const count = Object.fromEntries(counts.map((c) => [c.kind, c._count]))
      expect(count.RECEIVE).toBeGreaterThan(12 * 3 * 23)
      expect(count.TRANSFER_IN).toBe(count.TRANSFER_OUT)
      expect(count.DISPENSE).toBeGreaterThan(100)
      expect(count.STOCKTAKE).toBeGreaterThan(12)
      // every station's stock of every batch is the sum of its movements
      const mismatched = await demo.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM (
          SELECT m."stationId", m."batchId", SUM(m.delta) AS total FROM "SupplyMovement" m GROUP BY 1, 2) t
          FULL JOIN "SupplyStock" s ON s."stationId" = t."stationId" AND s."batchId" = t."batchId"
         WHERE COALESCE(t.total, 0) <> COALESCE(s.quantity, 0)`
      expect(Number(mismatched[0].n)).toBe(0)
      const near = await demo.supplyStock.findMany({
        where: { quantity: { gt: 0 }, batch: { expiresOn: { gte: new Date(day), lte: new Date(addDays(day, 90)) } } },
        select: { station: { select: { kind: true, townshipId: true } }, batch: { select: { batchNo: true } } },
      })
      const chd = await demo.region.findUniqueOrThrow({ where: { code: DEMO_PLACES.chaihudian }, select: { id: true } })
      expect(near.some((n) => n.station.townshipId === chd.id && n.batch.batchNo === 'FOLIC-NEAR-01')).toBe(true)
      const expired = await demo.supplyStock.findMany({
        where: { quantity: { gt: 0 }, batch: { expiresOn: { lt: new Date(day) } } },
        select: { batch: { select: { batchNo: true } } },
      })
      expect(expired.map((e) => e.batch.batchNo)).toEqual(['PILL-OLD-01'])
      expect(await demo.supplyMovement.count({ where: { kind: 'STOCKTAKE', delta: { not: 0 } } })).toBeGreaterThan(0)
      const weiziwan = await demo.region.findUniqueOrThrow({ where: { code: DEMO_PLACES.weiziwan }, select: { id: true } })
      expect(await demo.supplyMovement.count({ where: { kind: 'STOCKTAKE', villageId: weiziwan.id, delta: -1 } })).toBe(1)
      // the sensitive flag rides on the contraceptive dispensings only, and no demo dispensing names a person
      expect(await demo.supplyMovement.count({ where: { personId: { not: null } } })).toBe(0)
      expect(await demo.supplyMovement.count({ where: { kind: 'DISPENSE', sensitive: true, item: { code: 'FOLIC' } } })).toBe(0)
    } finally {
      await demo.$disconnect()
    }
  })
})
