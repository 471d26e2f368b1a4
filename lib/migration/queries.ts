import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/server/db'
import { registerScope, type Subject } from '@/lib/access/permissions'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import { regionById, regionNames, regionsByIds } from '@/lib/regions/lookups'
import { regionOptions } from '@/lib/regions/queries'
import { toDate, todayIso, toIso } from '@/lib/dates'
import { exchangeStatus, overdueSentBefore, provinceOf, type ExchangeStatus } from './rules'
import type { Direction, MigrantFilter } from './schemas'

// Migrant reads. Every one is filtered with registerScope(subject): a person or exchange outside
// the subject's region looks the same as a missing one. `today` is a parameter for the tests.

export const MIGRANT_PAGE_SIZE = 20

/** Migrants in the register: inflow or outflow, alive and still registered. */
const MIGRANT = { residence: { in: ['INFLOW', 'OUTFLOW'] as Direction[] }, alive: true, movedOut: false } satisfies Prisma.PersonWhereInput

const unansweredBefore = (today: string) => ({ answeredOn: null, sentOn: { lt: toDate(overdueSentBefore(today)) } })

export interface ExchangeView {
  id: number
  direction: Direction
  otherCounty: string
  sentOn: string
  answeredOn: string | null
  answer: string | null
  status: ExchangeStatus
}

export interface MigrantRow {
  id: number
  name: string
  direction: Direction
  place: string | null
  since: string | null
  phone: string | null
  villageName: string
  latest: ExchangeView | null
}

const exchangeSelect = { id: true, direction: true, otherCounty: true, sentOn: true, answeredOn: true, answer: true } as const
type SelectedExchange = Prisma.ExchangeRequestGetPayload<{ select: typeof exchangeSelect }>

function toExchange(e: SelectedExchange, today: string): ExchangeView {
  const view = { ...e, sentOn: toIso(e.sentOn), answeredOn: e.answeredOn ? toIso(e.answeredOn) : null }
  return { ...view, status: exchangeStatus(view, today) }
}

/** Region column for a filter region (a township or village), or null for a region that is neither. */
async function regionColumn(regionId: number): Promise<Prisma.PersonWhereInput | null> {
  const region = await regionById(db, regionId)
  if (region?.level === 'TOWNSHIP') return { townshipId: regionId }
  if (region?.level === 'VILLAGE') return { villageId: regionId }
  if (region?.level === 'GROUP') return { groupId: regionId }
  if (region?.level === 'COUNTY') return { countyId: regionId }
  return null
}

export async function migrantWhere(subject: Subject, filter: Omit<MigrantFilter, 'page'>, today = todayIso()): Promise<Prisma.PersonWhereInput> {
  const and: Prisma.PersonWhereInput[] = [registerScope(subject), MIGRANT]
  if (filter.direction) and.push({ residence: filter.direction })
  if (filter.regionId) and.push((await regionColumn(filter.regionId)) ?? { id: -1 })
  if (filter.overdue) and.push({ exchanges: { some: unansweredBefore(today) } })
  return { AND: and }
}

/** Migrants in the subject's region with an exchange unanswered past the deadline (the list's "overdue" filter). */
export async function overdueMigrantCount(subject: Subject, today = todayIso()): Promise<number> {
  return db.person.count({ where: await migrantWhere(subject, { overdue: true }, today) })
}

export async function listMigrants(subject: Subject, filter: MigrantFilter, today = todayIso()): Promise<Page<MigrantRow>> {
  const where = await migrantWhere(subject, filter, today)
  const args = pageArgs(filter.page, MIGRANT_PAGE_SIZE)
  const [rows, total] = await Promise.all([
    db.person.findMany({
      where,
      select: {
        id: true,
        name: true,
        residence: true,
        migrationPlace: true,
        migrationSince: true,
        phone: true,
        villageId: true,
        exchanges: { select: exchangeSelect, orderBy: [{ sentOn: 'desc' }, { id: 'desc' }], take: 1 },
      },
      orderBy: [{ residence: 'asc' }, { namePinyin: 'asc' }, { id: 'asc' }],
      ...args,
    }),
    db.person.count({ where }),
  ])
  const villageName = await regionNames(
    db,
    rows.map((r) => r.villageId),
  )
  return toPage(
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      direction: r.residence as Direction,
      place: r.migrationPlace,
      since: r.migrationSince ? toIso(r.migrationSince) : null,
      phone: r.phone,
      villageName: villageName.get(r.villageId) ?? '',
      latest: r.exchanges[0] ? toExchange(r.exchanges[0], today) : null,
    })),
    total,
    filter.page,
    MIGRANT_PAGE_SIZE,
  )
}

/** One migrant with all their exchanges, newest first; null when missing or outside the region. */
export async function getMigrant(subject: Subject, personId: number, today = todayIso()) {
  const person = await db.person.findFirst({
    where: { id: personId, ...registerScope(subject), ...MIGRANT },
    select: {
      id: true,
      name: true,
      sex: true,
      birthDate: true,
      idMasked: true,
      phone: true,
      residence: true,
      migrationPlace: true,
      migrationSince: true,
      hukouText: true,
      region: { select: { name: true } },
      villageId: true,
      townshipId: true,
      countyId: true,
      household: { select: { address: true } },
      exchanges: { select: exchangeSelect, orderBy: [{ sentOn: 'desc' }, { id: 'desc' }] },
    },
  })
  if (!person) return null
  const name = await regionNames(db, [person.countyId, person.townshipId, person.villageId])
  return {
    id: person.id,
    name: person.name,
    sex: person.sex,
    birthDate: toIso(person.birthDate),
    idMasked: person.idMasked,
    phone: person.phone,
    direction: person.residence as Direction,
    place: person.migrationPlace,
    since: person.migrationSince ? toIso(person.migrationSince) : null,
    hukouText: person.hukouText,
    address: person.household?.address ?? null,
    regionName: person.region.name,
    countyName: name.get(person.countyId) ?? '',
    townshipName: name.get(person.townshipId) ?? '',
    villageName: name.get(person.villageId) ?? '',
    exchanges: person.exchanges.map((e) => toExchange(e, today)),
  }
}
export type Migrant = NonNullable<Awaited<ReturnType<typeof getMigrant>>>

/** One exchange and its migrant, for the printed letter; scoped through the person. */
export async function getExchangeLetter(subject: Subject, personId: number, exchangeId: number, today = todayIso()) {
  const migrant = await getMigrant(subject, personId, today)
  const exchange = migrant?.exchanges.find((e) => e.id === exchangeId)
  if (!migrant || !exchange) return null
  return { migrant, exchange }
}

/** Townships and villages in the subject's region, for the list's region filter. */
export async function migrantRegionOptions(subject: Subject) {
  const regions = await regionOptions(subject, { levels: ['TOWNSHIP', 'VILLAGE'] })
  return regions.map((r) => ({ id: r.id, level: r.level, label: r.level === 'VILLAGE' ? `${r.parentName ?? ''} / ${r.name}` : r.name, keys: r.keys }))
}

export interface TownshipCount {
  townshipId: number
  townshipName: string
  inflow: number
  outflow: number
  overdue: number
}

export interface ProvinceCount {
  /** null: the place does not name a province */
  province: string | null
  inflow: number
  outflow: number
}

/** Migrants and overdue exchanges by township, and migrants by province of origin or destination. */
export async function migrantCounts(
  subject: Subject,
  today = todayIso(),
): Promise<{ townships: TownshipCount[]; provinces: ProvinceCount[]; total: TownshipCount }> {
  const scope = registerScope(subject)
  const [byTownship, overdueByTownship, byPlace] = await Promise.all([
    db.person.groupBy({ by: ['townshipId', 'residence'], where: { ...scope, ...MIGRANT }, _count: { _all: true } }),
    db.exchangeRequest.groupBy({ by: ['townshipId'], where: { person: { ...scope, ...MIGRANT }, ...unansweredBefore(today) }, _count: { _all: true } }),
    db.person.groupBy({ by: ['migrationPlace', 'residence'], where: { ...scope, ...MIGRANT }, _count: { _all: true } }),
  ])
  const ids = [...new Set([...byTownship.map((r) => r.townshipId), ...overdueByTownship.map((r) => r.townshipId)])]
  const regions = await regionsByIds(db, ids)
  const townships = new Map<number, TownshipCount>(regions.map((r) => [r.id, { townshipId: r.id, townshipName: r.name, inflow: 0, outflow: 0, overdue: 0 }]))
  for (const r of byTownship) {
    const row = townships.get(r.townshipId)
    if (row) row[r.residence === 'INFLOW' ? 'inflow' : 'outflow'] += r._count._all
  }
  for (const r of overdueByTownship) {
    const row = townships.get(r.townshipId)
    if (row) row.overdue += r._count._all
  }
  const provinces = new Map<string | null, ProvinceCount>()
  for (const r of byPlace) {
    const province = provinceOf(r.migrationPlace)
    const row = provinces.get(province) ?? { province, inflow: 0, outflow: 0 }
    row[r.residence === 'INFLOW' ? 'inflow' : 'outflow'] += r._count._all
    provinces.set(province, row)
  }
  const townshipRows = [...townships.values()]
  const total = townshipRows.reduce(
    (sum, r) => ({ ...sum, inflow: sum.inflow + r.inflow, outflow: sum.outflow + r.outflow, overdue: sum.overdue + r.overdue }),
    { townshipId: 0, townshipName: '', inflow: 0, outflow: 0, overdue: 0 },
  )
  const provinceRows = [...provinces.values()].sort((a, b) =>
    a.province === null ? 1 : b.province === null ? -1 : b.inflow + b.outflow - (a.inflow + a.outflow) || a.province.localeCompare(b.province, 'zh-CN'),
  )
  return { townships: townshipRows, provinces: provinceRows, total }
}
