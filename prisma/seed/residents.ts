// Demo residents for the demo county: households (urban ones in the streets' communities: flats,
// smaller households) of 1–6 people built as families (head,
// spouse, children, sometimes a parent), ages shaped like a northern Chinese county's pyramid,
// about 5% inflow and 8% outflow migrants, and five years of births, deaths, marriages, divorces
// and moves at realistic rates, some registered late. Moves are real: a move within the county
// places the person in a household of another village (often another township), a move out
// takes them out of the register, and some come back (from moving out, or from outflow). Deterministic from the seed. Rows are
// written with explicit ids in large batches, so a million residents take about a minute or two.
import type { PrismaClient } from '@/lib/generated/prisma/client'
import { insertHouseholdsWithPeople, insertLifeEvents, insertRegisterChanges, syncIdSequence, type LifeEventRow } from '@/lib/registry/bulk'
import { idColumns, nameColumns } from '@/lib/registry/columns'
import { makeIdNumber } from '@/lib/registry/idcard'
import { toDate, toIso } from '@/lib/dates'
import { inferParents, relationToNewHead, type Relation } from '@/lib/registry/rules'
import type { Random } from '@/tests/factories/random'

export const DEFAULT_RESIDENTS = 50_000
export const MAX_RESIDENTS = 1_000_000

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆范金石贾夏付方白邹孟秦尹薛闫段雷侯史陶贺顾毛郝龚邵万钱严武戴孔'
const MALE = '建国军华明伟强磊勇涛斌波辉刚平杰峰鹏浩宇轩博文志海林东亮成龙庆春山永福德'
const FEMALE = '秀英兰芳丽娟敏静燕玲红霞梅婷雪琳欣怡悦涵萱雨思佳诗晨桂凤玉娜'
const ORIGINS = [
  '河北省沧州市吴桥县',
  '河北省衡水市景县',
  '河南省周口市',
  '安徽省阜阳市',
  '山东省德州市陵城区',
  '江苏省徐州市',
  '四川省南充市',
  '黑龙江省哈尔滨市',
]
const DESTINATIONS = [
  '北京市朝阳区',
  '天津市滨海新区',
  '山东省济南市历下区',
  '山东省青岛市黄岛区',
  '江苏省苏州市',
  '广东省深圳市',
  '上海市浦东新区',
  '浙江省宁波市',
]
const HOUSEHOLD_SIZES = [1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6]
const URBAN_HOUSEHOLD_SIZES = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4]
const ROADS = ['中心街', '东街', '西街', '南街', '北街', '前街', '后街', '新华路', '幸福路', '和平路']

export interface Village {
  id: number
  name: string
  /** an urban community (社区): flats in numbered buildings, smaller households, younger heads */
  urban?: boolean
  countyId: number
  townshipId: number
  groupIds: number[]
}

interface PersonRow {
  id: number
  countyId: number
  townshipId: number
  villageId: number
  groupId: number | null
  regionId: number
  householdId: number | null
  relation: Relation | null
  name: string
  namePinyin: string
  nameInitials: string
  sex: 'MALE' | 'FEMALE'
  birthDate: Date
  ethnicity: string
  idCipher: Uint8Array<ArrayBuffer> | null
  idHash: string | null
  idMasked: string | null
  idLast4: string | null
  phone: string | null
  residence: 'LOCAL' | 'AWAY' | 'INFLOW' | 'OUTFLOW'
  migrationPlace: string | null
  migrationSince: Date | null
  hukouText: string | null
  maritalStatus: 'SINGLE' | 'MARRIED' | 'DIVORCED' | 'WIDOWED'
  alive: boolean
  deathDate: Date | null
  movedOut: boolean
  motherId: number | null
  fatherId: number | null
  birthOrder: number | null
}

const DAY = 86_400_000

export async function buildResidents(
  db: PrismaClient,
  villages: Village[],
  options: { residents: number; random: Random; today: string; now?: Date; recordedById: number },
): Promise<{ persons: number; households: number; events: number }> {
  const { random, today } = options
  const todayMs = toDate(today).getTime()
  const nowMs = (options.now ?? new Date()).getTime()
  const dateYearsAgo = (years: number) => new Date(todayMs - years * 365.25 * DAY - random.int(0, 364) * DAY)
  const idSequence = new Map<string, number>()
  const nameCache = new Map<string, ReturnType<typeof nameColumns>>()
  const names = (name: string) => {
    let keys = nameCache.get(name)
    if (!keys) nameCache.set(name, (keys = nameColumns(name)))
    return keys
  }
  const givenName = (sex: 'MALE' | 'FEMALE') => {
    const chars = sex === 'MALE' ? MALE : FEMALE
    return random.next() < 0.7 ? chars[random.int(0, chars.length - 1)] + chars[random.int(0, chars.length - 1)] : chars[random.int(0, chars.length - 1)]
  }
  const surname = () => SURNAMES[Math.floor(SURNAMES.length * random.next() ** 2)]

  const maxPerson = (await db.person.aggregate({ _max: { id: true } }))._max.id ?? 0
  const maxHousehold = (await db.household.aggregate({ _max: { id: true } }))._max.id ?? 0
  const maxEvent = (await db.lifeEvent.aggregate({ _max: { id: true } }))._max.id ?? 0
  let nextPerson = maxPerson + 1
  let nextHousehold = maxHousehold + 1
  let nextEvent = maxEvent + 1

  let persons: PersonRow[] = []
  let households: { id: number; countyId: number; townshipId: number; villageId: number; groupId: number | null; regionId: number; address: string }[] = []
  let events: LifeEventRow[] = []
  let totals = { persons: 0, households: 0, events: 0 }

  const flush = async () => {
    // Through the register's bulk writer, without its after-write check: the demo sweeps the whole
    // county once at the end (demo.ts). Mothers are always written in the same or an earlier batch
    // than their children.
    await insertHouseholdsWithPeople(db, { households, persons }, { afterWrite: false })
    await insertLifeEvents(db, events)
    // This month's events wait in the township's monthly review; earlier months were reviewed.
    const thisMonth = events.filter((e) => toIso(e.recordedOn).slice(0, 7) === today.slice(0, 7))
    await insertRegisterChanges(
      db,
      thisMonth.map((e) => ({
        countyId: e.countyId,
        townshipId: e.townshipId,
        villageId: e.villageId,
        kind: `event.${e.type}`,
        personId: e.personId,
        eventId: e.id,
        summary: { occurredOn: toIso(e.occurredOn), ...e.details },
        createdById: e.recordedById,
        createdAt: e.createdAt,
      })),
    )
    totals = { persons: totals.persons + persons.length, households: totals.households + households.length, events: totals.events + events.length }
    persons = []
    households = []
    events = []
  }

  const event = (p: PersonRow, type: LifeEventRow['type'], occurredOn: Date, details: object, otherPersonId: number | null = null) => {
    // Most events are entered within three weeks; about 4% more than 30 days late.
    const delay = random.next() < 0.04 ? random.int(31, 240) : random.int(0, 20)
    const recordedMs = Math.min(todayMs, occurredOn.getTime() + delay * DAY)
    const recordedOn = new Date(recordedMs)
    events.push({
      id: nextEvent++,
      countyId: p.countyId,
      townshipId: p.townshipId,
      villageId: p.villageId,
      type,
      personId: p.id,
      otherPersonId,
      occurredOn,
      recordedOn,
      late: (recordedMs - occurredOn.getTime()) / DAY > 30,
      details,
      recordedById: options.recordedById,
      // entered at 09:00 China time on the day it was recorded, and never later than now: an event
      // recorded today must not show up in the monthly review as entered this afternoon
      createdAt: new Date(Math.min(nowMs, recordedMs + 3_600_000)),
    })
  }

  const person = (
    home: { countyId: number; townshipId: number; villageId: number; groupId: number | null; regionId: number },
    householdId: number,
    relation: PersonRow['relation'],
    sex: 'MALE' | 'FEMALE',
    birthDate: Date,
    family: string,
  ): PersonRow => {
    const birth = toIso(birthDate)
    const seq = idSequence.get(`${birth}${sex}`) ?? 0
    idSequence.set(`${birth}${sex}`, seq + 1)
    const idNumber = random.next() < 0.97 ? makeIdNumber('371422', birth, seq * 2 + (sex === 'MALE' ? 1 : 0), sex) : null
    const age = (todayMs - birthDate.getTime()) / (365.25 * DAY)
    const row: PersonRow = {
      id: nextPerson++,
      ...home,
      householdId,
      relation,
      ...names(family + givenName(sex)),
      sex,
      birthDate,
      ethnicity: random.next() < 0.985 ? '01' : random.pick(['03', '11', '02']),
      ...idColumns(idNumber),
      phone: age >= 16 && random.next() < 0.8 ? `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}` : null,
      residence: 'LOCAL',
      migrationPlace: null,
      migrationSince: null,
      hukouText: null,
      maritalStatus: 'SINGLE',
      alive: true,
      deathDate: null,
      movedOut: false,
      motherId: null,
      fatherId: null,
      birthOrder: null,
    }
    persons.push(row)
    return row
  }

  // A day after `from` (and within the last four and a half years), before today.
  const dateSince = (from: Date) => {
    const earliest = Math.max(from.getTime() + DAY, todayMs - 1640 * DAY)
    return new Date(earliest + random.int(0, Math.max(0, Math.floor((todayMs - DAY - earliest) / DAY))) * DAY)
  }
  // Moves within the county are applied once every village has its households (below).
  const movers: { person: PersonRow; on: Date; to: Village }[] = []
  const byVillage = new Map(villages.map((v) => [v.id, [] as { id: number; groupId: number | null; regionId: number }[]]))
  const memberCount = new Map<number, number>()

  // Every village gets its share (they differ by one at most).
  const share = (index: number) => Math.floor((index * options.residents) / villages.length)
  for (const [index, village] of villages.entries()) {
    const target = share(index + 1) - share(index)
    let inVillage = 0
    let number = 1
    while (inVillage < target) {
      let size = Math.min(random.pick(village.urban ? URBAN_HOUSEHOLD_SIZES : HOUSEHOLD_SIZES), target - inVillage)
      const groupId = village.groupIds.length ? random.pick(village.groupIds) : null
      const home = { countyId: village.countyId, townshipId: village.townshipId, villageId: village.id, groupId, regionId: groupId ?? village.id }
      const address = village.urban
        ? `${village.name}${random.pick(ROADS)}${random.int(1, 30)}号楼${random.int(1, 4)}单元${random.int(1, 6)}0${random.int(1, 2)}室`
        : `${village.name}${random.pick(ROADS)}${number++}号`
      const household = { id: nextHousehold++, ...home, address }
      households.push(household)
      byVillage.get(village.id)!.push(household)
      const family = surname()
      const inflowHousehold = random.next() < 0.05
      // A family whose hukou moved into the county in the last five years (迁入, as recordEvent's
      // MOVE_IN: local residents from then on). Inflow migrants keep their hukou elsewhere and
      // have no move-in event: they count from migrationSince.
      const movedInOn = !inflowHousehold && random.next() < 0.03 ? dateYearsAgo(random.int(0, 4)) : null

      // head: an adult, older heads more common in a rural county
      const headAge = village.urban ? random.int(22, 75) : random.int(22, 85)
      const head = person(home, household.id, 'SELF', random.next() < 0.8 ? 'MALE' : 'FEMALE', dateYearsAgo(headAge), family)
      const members: PersonRow[] = [head]
      let mother: PersonRow | null = head.sex === 'FEMALE' ? head : null
      let spouse: PersonRow | null = null
      if (size >= 2) {
        const spouseAge = Math.max(20, headAge + random.int(-4, 3))
        spouse = person(
          home,
          household.id,
          'SPOUSE',
          head.sex === 'MALE' ? 'FEMALE' : 'MALE',
          dateYearsAgo(spouseAge),
          random.next() < 0.1 ? family : surname(),
        )
        head.maritalStatus = spouse.maritalStatus = 'MARRIED'
        members.push(spouse)
        if (spouse.sex === 'FEMALE') mother = spouse
        const marriedYearsAgo = Math.max(0, Math.min(headAge, spouseAge) - random.int(21, 28))
        if (marriedYearsAgo < 5) event(head, 'MARRIAGE', dateYearsAgo(marriedYearsAgo), { spouseName: spouse.name })
      } else if (headAge > 60 && random.next() < 0.6) {
        head.maritalStatus = 'WIDOWED'
      } else if (headAge > 28 && random.next() < 0.15) {
        head.maritalStatus = 'DIVORCED'
        if (random.next() < 0.3) event(head, 'DIVORCE', dateYearsAgo(random.int(0, 4)), {})
      }
      const motherAge = mother ? (todayMs - mother.birthDate.getTime()) / (365.25 * DAY) : 0
      // The children she had, oldest first: the first at 22–30, then one every 2–8 years, a third in
      // about a third of the families (China in the 2020s: about 45% of births first, 40% second, 15%
      // third or later). A young family lives together, so its household has room for them all.
      const childAges: number[] = []
      for (
        let age = motherAge - random.int(22, 30);
        mother && age >= 0 && childAges.length < 3 && (childAges.length < 2 || random.next() < 0.35);
        age -= random.int(2, 8)
      )
        childAges.push(age)
      if (mother && motherAge < 45) size = Math.min(6, target - inVillage, Math.max(size, members.length + childAges.length))
      let order = 0
      for (const childAge of childAges) {
        if (!(members.length < size && (size - members.length > 1 || !(headAge < 60) || random.next() < 0.85) && mother && members.length < 5)) break
        const child = person(
          home,
          household.id,
          'CHILD',
          random.next() < 0.52 ? 'MALE' : 'FEMALE',
          dateYearsAgo(Math.floor(childAge)),
          head.sex === 'MALE' ? family : surname(),
        )
        // a child of the head and spouse (a man and a woman) is theirs, as the register infers it
        const parents = inferParents([head, ...(spouse ? [spouse] : []), child].map((p) => ({ key: p, relation: p.relation, sex: p.sex }))).get(child)
        child.motherId = mother.id
        child.fatherId = parents?.fatherKey.id ?? null
        child.birthOrder = ++order
        // born before the family moved in: born elsewhere, no birth here
        if (childAge < 5 && !(movedInOn && child.birthDate < movedInOn))
          event(child, 'BIRTH', child.birthDate, { name: child.name, sex: child.sex, birthOrder: order }, mother.id)
        if (childAge >= 22 && random.next() < 0.5) child.maritalStatus = 'MARRIED'
        members.push(child)
      }
      while (members.length < size) {
        members.push(
          person(home, household.id, 'PARENT', random.next() < 0.4 ? 'MALE' : 'FEMALE', dateYearsAgo(Math.min(98, headAge + random.int(22, 32))), family),
        )
        members[members.length - 1].maritalStatus = 'WIDOWED'
      }

      for (const m of members) {
        const age = (todayMs - m.birthDate.getTime()) / (365.25 * DAY)
        if (inflowHousehold) {
          m.residence = 'INFLOW'
          m.migrationPlace = m.hukouText = ORIGINS[household.id % ORIGINS.length]
          m.migrationSince = dateYearsAgo(random.int(0, 6))
        } else if (age >= 18 && age < 50 && random.next() < 0.16) {
          m.residence = 'OUTFLOW'
          m.migrationPlace = random.pick(DESTINATIONS)
          m.migrationSince = dateYearsAgo(random.int(0, 8))
        } else if (random.next() < 0.02) {
          m.residence = 'AWAY'
        }
        // deaths in the last five years: about 7 per 1,000 a year, mostly the old
        if (age > 60 && random.next() < (age > 80 ? 0.18 : 0.04)) {
          m.alive = false
          m.deathDate = new Date(Math.max(m.birthDate.getTime() + 60 * 365 * DAY, todayMs - random.int(1, 5 * 365) * DAY))
          event(m, 'DEATH', m.deathDate, {})
        }
        if (movedInOn && m.birthDate < movedInOn && (m.deathDate === null || m.deathDate > movedInOn))
          event(m, 'MOVE_IN', movedInOn, { origin: ORIGINS[household.id % ORIGINS.length], name: m.name })
        // Moves, for members other than the head (so every household keeps its head) who are
        // registered here: about 1% moved within the county, 0.4% moved out (a third of them came
        // back), 1% of local adults came back from working away.
        if (m.alive && m.relation !== 'SELF' && m.residence !== 'INFLOW' && age > 1) {
          const roll = random.next()
          if (roll < 0.01) {
            movers.push({ person: m, on: dateSince(m.birthDate), to: random.pick(villages) })
          } else if (roll < 0.014 && m.residence === 'LOCAL') {
            const left = dateSince(m.birthDate)
            event(m, 'MOVE_OUT', left, { destination: random.pick(DESTINATIONS), fromHouseholdId: m.householdId })
            if (random.next() < 0.33) {
              event(m, 'RETURN', dateSince(left), { toHouseholdId: m.householdId, returnedFrom: 'MOVED_OUT' })
            } else {
              m.movedOut = true
              m.householdId = null
              m.relation = null
              memberCount.set(household.id, memberCount.get(household.id)! - 1)
            }
          } else if (roll < 0.024 && m.residence === 'LOCAL' && age >= 18) {
            event(m, 'RETURN', dateSince(m.birthDate), { toHouseholdId: m.householdId, returnedFrom: 'OUTFLOW' })
          }
        }
      }
      const successor = passOnHousehold(members, household.id, movers)
      if (successor) Object.assign(events.find((e) => e.personId === head.id && e.type === 'DEATH')?.details ?? {}, { newHeadId: successor.id })
      memberCount.set(household.id, members.filter((m) => m.householdId === household.id).length)
      inVillage += members.length
    }
    if (persons.length >= 20_000) await flush()
  }
  await flush()
  await applyMoves(db, movers, byVillage, memberCount, random, event)
  await flush()

  // the id sequences past the ids written explicitly (the writer set each household's head)
  for (const table of ['Household', 'Person', 'LifeEvent'] as const) await syncIdSequence(db, table)
  await plantQualityProblems(db, maxPerson, maxHousehold)
  return totals
}

/**
 * What a death does to the family, as recordEvent records it: the surviving spouse is widowed, and
 * when the head died, the widow(er) — else the eldest living member staying in the household —
 * heads it, everyone's relation re-expressed relative to them (the death event names the new head).
 */
function passOnHousehold(members: PersonRow[], householdId: number, movers: { person: PersonRow }[]): PersonRow | undefined {
  const head = members[0]
  const spouse = members.find((m) => m.relation === 'SPOUSE')
  if (head.alive && spouse && !spouse.alive) head.maritalStatus = 'WIDOWED'
  if (head.alive) return undefined
  if (spouse?.alive) spouse.maritalStatus = 'WIDOWED'
  const moving = new Set(movers.map((m) => m.person))
  const staying = members.filter((m) => m !== head && m.alive && m.householdId === householdId && !moving.has(m))
  const next = spouse && staying.includes(spouse) ? spouse : staying.sort((a, b) => a.birthDate.getTime() - b.birthDate.getTime())[0]
  if (!next) return undefined
  const from = next.relation!
  for (const m of members) if (m.householdId === householdId) m.relation = m === next ? 'SELF' : relationToNewHead(m.relation, from)
  return next
}

/**
 * Moves within the county, as recordEvent makes them: the event keeps the village the person left
 * (where the move is entered and counted), the person joins a household of the destination village
 * with room for one more (a household has at most six members), as OTHER. A mover whose
 * destination has no such household, or is their own village, stays and has no move.
 */
async function applyMoves(
  db: PrismaClient,
  movers: { person: PersonRow; on: Date; to: Village }[],
  byVillage: Map<number, { id: number; groupId: number | null; regionId: number }[]>,
  size: Map<number, number>,
  random: Random,
  event: (p: PersonRow, type: 'MOVE_WITHIN', occurredOn: Date, details: object) => void,
) {
  const moved: { id: number; townshipId: number; villageId: number; groupId: number | null; regionId: number; householdId: number }[] = []
  for (const { person, on, to } of movers) {
    if (to.id === person.villageId) continue
    const open = byVillage.get(to.id)!.filter((h) => size.get(h.id)! < 6)
    if (open.length === 0) continue
    const target = random.pick(open)
    event(person, 'MOVE_WITHIN', on, {
      fromRegionId: person.regionId,
      toRegionId: target.regionId,
      fromHouseholdId: person.householdId,
      toHouseholdId: target.id,
    })
    size.set(person.householdId!, size.get(person.householdId!)! - 1)
    size.set(target.id, size.get(target.id)! + 1)
    moved.push({ id: person.id, townshipId: to.townshipId, villageId: to.id, groupId: target.groupId, regionId: target.regionId, householdId: target.id })
  }
  if (moved.length === 0) return
  await db.$executeRawUnsafe(
    `UPDATE "Person" p SET "townshipId" = m.t, "villageId" = m.v, "groupId" = m.g, "regionId" = m.r, "householdId" = m.h, relation = 'OTHER'
     FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id int, t int, v int, g int, r int, h int)) m WHERE p.id = m.id`,
    JSON.stringify(moved.map((m) => ({ id: m.id, t: m.townshipId, v: m.villageId, g: m.groupId, r: m.regionId, h: m.householdId }))),
  )
}

/**
 * Real registers have mistakes; the demo has a few on purpose so the data-quality queue has
 * something to show: households without a head, and people whose recorded sex disagrees with
 * their ID number.
 */
async function plantQualityProblems(db: PrismaClient, afterPerson: number, afterHousehold: number) {
  await db.$executeRawUnsafe(
    `UPDATE "Household" SET "headId" = NULL WHERE id IN (SELECT id FROM "Household" WHERE id > ${afterHousehold} ORDER BY id LIMIT 3 OFFSET 40)`,
  )
  await db.$executeRawUnsafe(
    `UPDATE "Person" SET sex = CASE WHEN sex = 'MALE' THEN 'FEMALE'::"Sex" ELSE 'MALE'::"Sex" END WHERE id IN (SELECT id FROM "Person" WHERE id > ${afterPerson} AND "idHash" IS NOT NULL ORDER BY id LIMIT 3 OFFSET 100)`,
  )
}
