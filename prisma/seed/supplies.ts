import type { PrismaClient } from '@/lib/generated/prisma/client'
import { bulkInsert, type BulkColumn } from '@/lib/db/bulk'
import { seededRandom, type Random } from '@/tests/factories/random'
import { addDays, addMonths } from '@/lib/services/rules'
import { makeSupplyItems } from '@/tests/factories/supplies'
import { allocate } from '@/lib/services/supplies/rules'

// The demo county's supplies ledger (药具): the three items, two years of the county's monthly
// allocations to the township stations (a new batch each quarter), transfers to the village rooms
// when they run low, daily dispensing counts at rates that follow each village's residents,
// write-offs the day after a batch expires, half-yearly stocktakes at the stations (a few with a
// small difference), and the cases the pages warn about: a batch of folic acid at 柴胡店镇 that
// expires within 90 days, and oral contraceptives at 宁城街道 that expired and wait to be written
// off. Simulated in memory first-expiring-first, then bulk-inserted (lib/db/bulk.ts), so no stock
// goes below zero and the ledger reconciles with the stock.

const MOVEMENT_COLUMNS: BulkColumn[] = [
  { name: 'countyId', type: 'int' },
  { name: 'townshipId', type: 'int' },
  { name: 'villageId', type: 'int' },
  { name: 'stationId', type: 'int' },
  { name: 'itemId', type: 'int' },
  { name: 'batchId', type: 'int' },
  { name: 'kind', type: 'enum:SupplyMovementKind' },
  { name: 'delta', type: 'int' },
  { name: 'occurredOn', type: 'date' },
  { name: 'counterpartStationId', type: 'int' },
  { name: 'reason', type: 'enum:SupplyWriteOffReason' },
  { name: 'note', type: 'text' },
  { name: 'bookQuantity', type: 'int' },
  { name: 'countedQuantity', type: 'int' },
  { name: 'sensitive', type: 'bool' },
  { name: 'recordedById', type: 'int' },
]
const STOCK_COLUMNS: BulkColumn[] = [
  { name: 'stationId', type: 'int' },
  { name: 'batchId', type: 'int' },
  { name: 'countyId', type: 'int' },
  { name: 'townshipId', type: 'int' },
  { name: 'quantity', type: 'int' },
]

/**
 * Use per 1,000 residents and day (units), the most given at once, and how many months a batch
 * keeps. A room's daily chance of a dispensing follows its village's residents; the township's
 * station serves a fifth of the township's use.
 */
const RATES: Record<string, { perThousand: number; most: number; shelfMonths: number }> = {
  CONDOM: { perThousand: 0.5, most: 3, shelfMonths: 60 },
  PILL: { perThousand: 0.15, most: 2, shelfMonths: 36 },
  FOLIC: { perThousand: 0.1, most: 1, shelfMonths: 24 },
}
const STATION_SHARE = 0.2

interface SimBatch {
  batchId: number
  batchNo: string
  expiresOn: string
  quantity: number
}

export async function buildSuppliesDemo(
  db: PrismaClient,
  options: { countyId: number; today: string; seed: number; nearExpiryStationCode: string; expiredStationCode: string; stocktakeVillageCode: string },
): Promise<{ movements: number }> {
  const random: Random = seededRandom(options.seed + 23)
  const { countyId, today } = options
  const items = await makeSupplyItems(db, countyId)
  const sensitive = new Map((await db.supplyItem.findMany({ where: { countyId }, select: { id: true, sensitive: true } })).map((i) => [i.id, i.sensitive]))
  const stations = await db.serviceStation.findMany({
    where: { countyId, active: true },
    select: { id: true, kind: true, townshipId: true, villageId: true },
    orderBy: { id: 'asc' },
  })
  const codeOf = async (code: string) => (await db.region.findUnique({ where: { code }, select: { id: true } }))?.id
  const [nearTownship, expiredTownship, stocktakeVillage] = await Promise.all([
    codeOf(options.nearExpiryStationCode),
    codeOf(options.expiredStationCode),
    codeOf(options.stocktakeVillageCode),
  ])
  const residents = new Map(
    (await db.person.groupBy({ by: ['villageId'], where: { countyId, alive: true, movedOut: false }, _count: true })).map((g) => [g.villageId, g._count]),
  )
  const villagePeople = (s: { villageId: number | null }) => (s.villageId ? (residents.get(s.villageId) ?? 0) : 0)
  const admin = await db.user.findFirst({ where: { role: 'ADMIN', regionId: countyId }, select: { id: true } })
  const recorder = admin?.id ?? 1
  const townshipStations = stations.filter((s) => s.kind === 'TOWNSHIP_STATION')
  const roomsOf = new Map(townshipStations.map((t) => [t.townshipId, stations.filter((s) => s.kind === 'VILLAGE_ROOM' && s.townshipId === t.townshipId)]))
  const townshipPeople = new Map(townshipStations.map((t) => [t.townshipId, roomsOf.get(t.townshipId)!.reduce((sum, r) => sum + villagePeople(r), 0)]))
  /** Units a day a station or room gives out of an item on average. */
  const dailyUse = (s: { kind: string; townshipId: number; villageId: number | null }, code: string) =>
    (RATES[code].perThousand * (s.kind === 'VILLAGE_ROOM' ? villagePeople(s) : STATION_SHARE * (townshipPeople.get(s.townshipId) ?? 0))) / 1000
  const from = addDays(today, -730)

  // the batches: one per item and quarter, received on the quarter's first allocation, plus the two special ones
  const months: string[] = []
  for (let m = `${from.slice(0, 7)}-05`; m <= today; m = addMonths(m, 1)) months.push(m)
  const batchRows: { itemId: number; batchNo: string; expiresOn: string; code: string; quarterOf?: string }[] = []
  for (const [code, itemId] of items) {
    for (const m of months) {
      const q = Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1
      const batchNo = `${code}-${m.slice(0, 4)}Q${q}`
      if (!batchRows.some((b) => b.batchNo === batchNo))
        batchRows.push({ itemId, code, batchNo, expiresOn: addMonths(m, RATES[code].shelfMonths), quarterOf: m })
    }
  }
  batchRows.push({ itemId: items.get('FOLIC')!, code: 'FOLIC', batchNo: 'FOLIC-NEAR-01', expiresOn: addDays(today, 50) })
  batchRows.push({ itemId: items.get('PILL')!, code: 'PILL', batchNo: 'PILL-OLD-01', expiresOn: addDays(today, -12) })
  await db.supplyBatch.createMany({
    data: batchRows.map((b) => ({ countyId, itemId: b.itemId, batchNo: b.batchNo, expiresOn: new Date(`${b.expiresOn}T00:00:00Z`) })),
  })
  const batchIds = new Map((await db.supplyBatch.findMany({ where: { countyId }, select: { id: true, batchNo: true } })).map((b) => [b.batchNo, b.id]))
  const batchOf = (code: string, day: string) => {
    const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1
    const b = batchRows.find((x) => x.batchNo === `${code}-${day.slice(0, 4)}Q${q}`)!
    return { batchId: batchIds.get(b.batchNo)!, batchNo: b.batchNo, expiresOn: b.expiresOn }
  }

  // the simulation: each station's batches per item, first-expiring-first
  const stock = new Map<string, SimBatch[]>()
  const held = (stationId: number, itemId: number) => {
    const key = `${stationId}:${itemId}`
    if (!stock.has(key)) stock.set(key, [])
    return stock.get(key)!
  }
  const rows: Record<string, unknown>[] = []
  const station = new Map(stations.map((s) => [s.id, s]))
  const move = (stationId: number, itemId: number, batchId: number, kind: string, delta: number, on: string, extra: Record<string, unknown> = {}) => {
    const s = station.get(stationId)!
    rows.push({
      countyId,
      townshipId: s.townshipId,
      villageId: s.villageId,
      stationId,
      itemId,
      batchId,
      kind,
      delta,
      occurredOn: on,
      counterpartStationId: null,
      reason: null,
      note: null,
      bookQuantity: null,
      countedQuantity: null,
      sensitive: kind === 'DISPENSE' && sensitive.get(itemId) === true,
      recordedById: recorder,
      ...extra,
    })
  }
  const add = (stationId: number, itemId: number, b: Omit<SimBatch, 'quantity'>, quantity: number) => {
    const list = held(stationId, itemId)
    const found = list.find((x) => x.batchId === b.batchId)
    if (found) found.quantity += quantity
    else list.push({ ...b, quantity })
  }
  /** Takes up to `quantity` first-expiring-first (all of it or nothing); returns what was taken per batch. */
  const take = (stationId: number, itemId: number, quantity: number, on: string, skip?: string) => {
    const list = held(stationId, itemId).filter((b) => b.batchNo !== skip)
    const plan = allocate(list, quantity, on)
    if (!plan) return []
    for (const p of plan) held(stationId, itemId).find((b) => b.batchId === p.batchId)!.quantity -= p.quantity
    return plan
  }

  // each station's and room's daily chance of giving out each item (none where nobody lives)
  const dispensers = stations
    .flatMap((s) =>
      [...items].map(([code, itemId]) => ({ s, itemId, most: RATES[code].most, chance: Math.min(0.95, dailyUse(s, code) / ((RATES[code].most + 1) / 2)) })),
    )
    .filter((d) => d.chance > 0)
  for (let day = from; day <= today; day = addDays(day, 1)) {
    const dom = Number(day.slice(8, 10))
    // the county's allocation on the 5th: a month of the rooms' and the station's use, and a little more
    if (dom === 5) {
      for (const t of townshipStations) {
        for (const [code, itemId] of items) {
          const monthly = roomsOf.get(t.townshipId)!.reduce((sum, r) => sum + dailyUse(r, code), dailyUse(t, code)) * 30
          const quantity = Math.max(1, Math.ceil(monthly * 1.1))
          const b = batchOf(code, day)
          add(t.id, itemId, b, quantity)
          move(t.id, itemId, b.batchId, 'RECEIVE', quantity, day)
        }
      }
    }
    // transfers to the rooms on the 10th of every other month: two months' use
    if (dom === 10 && Number(day.slice(5, 7)) % 2 === 1) {
      for (const t of townshipStations) {
        for (const room of roomsOf.get(t.townshipId)!) {
          for (const [code, itemId] of items) {
            // two months' use, sent only when the room holds less than that
            const need = dailyUse(room, code) * 61
            const holds = held(room.id, itemId).reduce((sum, b) => sum + b.quantity, 0)
            if (need < 0.5 || holds >= need) continue
            const want = Math.max(1, Math.round((need - holds) * (1 + random.next() * 0.3)))
            for (const p of take(t.id, itemId, want, day, code === 'PILL' ? 'PILL-OLD-01' : 'FOLIC-NEAR-01')) {
              const b = held(t.id, itemId).find((x) => x.batchId === p.batchId)!
              add(room.id, itemId, b, p.quantity)
              move(t.id, itemId, p.batchId, 'TRANSFER_OUT', -p.quantity, day, { counterpartStationId: room.id })
              move(room.id, itemId, p.batchId, 'TRANSFER_IN', p.quantity, day, { counterpartStationId: t.id })
            }
          }
        }
      }
    }
    // the special batches: near-expiry folic acid at one station, oral contraceptives that have since expired at another
    if (day === addDays(today, -60) && nearTownship) {
      const t = townshipStations.find((s) => s.townshipId === nearTownship)
      if (t) {
        const b = { batchId: batchIds.get('FOLIC-NEAR-01')!, batchNo: 'FOLIC-NEAR-01', expiresOn: addDays(today, 50) }
        add(t.id, items.get('FOLIC')!, b, 80)
        move(t.id, items.get('FOLIC')!, b.batchId, 'RECEIVE', 80, day)
      }
    }
    if (day === addDays(today, -400) && expiredTownship) {
      const t = townshipStations.find((s) => s.townshipId === expiredTownship)
      if (t) {
        const b = { batchId: batchIds.get('PILL-OLD-01')!, batchNo: 'PILL-OLD-01', expiresOn: addDays(today, -12) }
        add(t.id, items.get('PILL')!, b, 150)
        move(t.id, items.get('PILL')!, b.batchId, 'RECEIVE', 150, day)
      }
    }
    // 苇子湾村's room stocks up on condoms before last month's count
    if (day === addDays(today, -50) && stocktakeVillage) {
      const room = stations.find((x) => x.villageId === stocktakeVillage)
      const t = room && townshipStations.find((x) => x.townshipId === room.townshipId)
      const itemId = items.get('CONDOM')!
      const available = t ? held(t.id, itemId).reduce((sum, b) => sum + (b.expiresOn >= day ? b.quantity : 0), 0) : 0
      if (room && t && available > 0) {
        for (const p of take(t.id, itemId, Math.min(10, available), day)) {
          add(
            room.id,
            itemId,
            held(t.id, itemId).find((x) => x.batchId === p.batchId)!,
            p.quantity,
          )
          move(t.id, itemId, p.batchId, 'TRANSFER_OUT', -p.quantity, day, { counterpartStationId: room.id })
          move(room.id, itemId, p.batchId, 'TRANSFER_IN', p.quantity, day, { counterpartStationId: t.id })
        }
      }
    }
    // what expired yesterday is written off today (but for the pills left at 宁城街道 to show the warning)
    for (const b of batchRows.filter((x) => x.expiresOn === addDays(day, -1) && x.batchNo !== 'PILL-OLD-01')) {
      const batchId = batchIds.get(b.batchNo)!
      for (const [key, list] of stock) {
        const found = list.find((x) => x.batchId === batchId && x.quantity > 0)
        if (!found) continue
        const [stationId, itemId] = key.split(':').map(Number)
        move(stationId, itemId, batchId, 'WRITE_OFF', -found.quantity, day, { reason: 'EXPIRED', note: '过期报损' })
        found.quantity = 0
      }
    }
    // daily dispensing counts: at the rooms and at the stations
    for (const { s, itemId, chance, most } of dispensers) {
      if (random.next() > chance) continue
      for (const p of take(s.id, itemId, random.int(1, most), day)) move(s.id, itemId, p.batchId, 'DISPENSE', -p.quantity, day)
    }
    // half-yearly stocktakes at the stations (end of June and December); a few find a small difference
    const md = day.slice(5)
    if (md === '06-30' || md === '12-31') {
      for (const t of townshipStations) {
        const differs = random.next() < 0.2
        let first = true
        for (const [, itemId] of items) {
          for (const b of held(t.id, itemId).filter((x) => x.quantity > 0)) {
            const diff = differs && first ? -Math.min(random.int(1, 2), b.quantity) : 0
            first = false
            move(t.id, itemId, b.batchId, 'STOCKTAKE', diff, day, {
              bookQuantity: b.quantity,
              countedQuantity: b.quantity + diff,
              note: diff !== 0 ? '发放漏记' : null,
            })
            b.quantity += diff
          }
        }
      }
    }
  }
  // last month's count at one village room: one box fewer than the book
  const room = stations.find((s) => s.villageId === stocktakeVillage)
  if (room) {
    const on = addDays(today, -20)
    let first = true
    for (const [, itemId] of items) {
      for (const b of held(room.id, itemId).filter((x) => x.quantity > 0)) {
        const diff = first ? -1 : 0
        first = false
        // movements after the count are already in the book: the count is of the book as it stood then
        const after = rows
          .filter((r) => r.stationId === room.id && r.batchId === b.batchId && (r.occurredOn as string) > on)
          .reduce((sum, r) => sum + (r.delta as number), 0)
        const book = b.quantity - after
        if (book + diff < 0) continue
        move(room.id, itemId, b.batchId, 'STOCKTAKE', diff, on, { bookQuantity: book, countedQuantity: book + diff, note: diff ? '包装破损未登记' : null })
        b.quantity += diff
      }
    }
  }

  await bulkInsert(db, 'SupplyMovement', MOVEMENT_COLUMNS, rows)
  const stockRows: Record<string, unknown>[] = []
  for (const [key, list] of stock) {
    const [stationId, itemId] = key.split(':').map(Number)
    void itemId
    const s = station.get(stationId)!
    for (const b of list) if (b.quantity > 0) stockRows.push({ stationId, batchId: b.batchId, countyId, townshipId: s.townshipId, quantity: b.quantity })
  }
  await bulkInsert(db, 'SupplyStock', STOCK_COLUMNS, stockRows)
  return { movements: rows.length }
}
