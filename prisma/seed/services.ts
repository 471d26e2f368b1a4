import type { PrismaClient } from '@/lib/generated/prisma/client'
import { bulkInsert, type BulkColumn } from '@/lib/db/bulk'
import { makeUser } from '@/tests/factories'
import { seededRandom } from '@/tests/factories/random'
import { addDays, addMonths } from '@/lib/services/rules'
import { DEMO_SERVICE_TYPES, makeServiceCatalogue, type DemoServiceCode } from '@/tests/factories/services'

// The demo county's services (issue 11): the catalogue of eight types, the township service staff
// account of 柴胡店镇, a few special families per township, and two years of service records at
// realistic rates, bulk-inserted (lib/db/bulk.ts) so the demo build stays fast. Sensitive records
// are made only with consent recorded; a few have their consent withdrawn.

const RECORD_COLUMNS: BulkColumn[] = [
  { name: 'countyId', type: 'int' },
  { name: 'townshipId', type: 'int' },
  { name: 'villageId', type: 'int' },
  { name: 'typeId', type: 'int' },
  { name: 'sensitive', type: 'bool' },
  { name: 'personId', type: 'int' },
  { name: 'title', type: 'text' },
  { name: 'place', type: 'text' },
  { name: 'attendance', type: 'int' },
  { name: 'servedOn', type: 'date' },
  { name: 'station', type: 'text' },
  { name: 'stationId', type: 'int' },
  { name: 'staffName', type: 'text' },
  { name: 'outcome', type: 'text' },
  { name: 'followUpOn', type: 'date' },
  { name: 'consentBy', type: 'enum:ConsentBy' },
  { name: 'consentOn', type: 'date' },
  { name: 'consentMethod', type: 'enum:ConsentMethod' },
  { name: 'withdrawnOn', type: 'date' },
  { name: 'recordedById', type: 'int' },
]

const STAFF = ['王红梅', '李春燕', '张玉兰', '刘建军', '陈秀芳', '杨立新']
const TOPICS = ['孕产期保健知识讲座', '老年人慢病防治', '儿童营养与喂养', '健康生活方式宣传', '家庭医生签约政策宣讲', '优生优育咨询日']

export interface ServiceDemoAccount {
  username: string
  name: string
  role: 'TOWNSHIP_SERVICE_STAFF'
  region: string
  regionCode: string
}

/** Builds the services demo; returns its accounts for the demo's list. */
export async function buildServicesDemo(
  db: PrismaClient,
  options: { countyId: number; today: string; password: string; seed: number; serviceStaffTownshipCode: string },
): Promise<ServiceDemoAccount[]> {
  const random = seededRandom(options.seed + 11)
  const { countyId, today } = options
  const types = await makeServiceCatalogue(db, countyId)
  const township = await db.region.findUniqueOrThrow({ where: { code: options.serviceStaffTownshipCode }, select: { id: true, name: true } })
  await makeUser(db, { username: 'chd.service', name: '何丽萍', role: 'TOWNSHIP_SERVICE_STAFF', regionId: township.id, password: options.password })
  const admin = await db.user.findFirst({ where: { role: 'ADMIN', regionId: countyId }, select: { id: true } })
  const recorder = admin?.id ?? 1
  const from = addDays(today, -730)
  const stations = await makeDemoStations(db, countyId, random)
  const rows: Record<string, unknown>[] = []
  const day = (a: string, b: string) => {
    const start = Date.parse(`${a}T00:00:00Z`)
    const end = Date.parse(`${b}T00:00:00Z`)
    return new Date(start + Math.floor(random.next() * ((end - start) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10)
  }
  const base = (p: { townshipId: number; villageId: number }, code: DemoServiceCode, servedOn: string) => {
    const sensitive = DEMO_SERVICE_TYPES.find((t) => t.code === code)!.sensitive
    // sensitive services are given in private at the township's station; the rest in the village's room
    const station = (sensitive ? stations.get(`t${p.townshipId}`) : stations.get(`v${p.villageId}`)) ?? stations.get(`t${p.townshipId}`)!
    return {
      countyId,
      townshipId: p.townshipId,
      villageId: p.villageId,
      typeId: types.get(code)!,
      sensitive,
      servedOn,
      station: station.name,
      stationId: station.id,
      staffName: random.pick(STAFF),
      recordedById: recorder,
    }
  }

  const people = await db.person.findMany({
    where: { countyId, alive: true, movedOut: false, residence: { not: 'OUTFLOW' } },
    select: { id: true, townshipId: true, villageId: true, householdId: true, birthDate: true, sex: true, maritalStatus: true },
    orderBy: { id: 'asc' },
  })
  const childAges = DEMO_SERVICE_TYPES.find((t) => t.code === 'CHILD_CHECK')!.scheduleValues
  for (const p of people) {
    const birth = p.birthDate.toISOString().slice(0, 10)
    const age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4))
    if (age <= 7) {
      // most checks are made on time, at the village's service room, a few days either side
      for (const months of childAges) {
        const due = addMonths(birth, months)
        if (due < from || due > today || random.next() > 0.88) continue
        const on = addDays(due, random.int(-10, 20))
        if (on > today || on < birth || on < from) continue
        rows.push({ ...base(p, 'CHILD_CHECK', on), personId: p.id, outcome: '生长发育正常', followUpOn: null })
      }
    }
    if (age >= 65) {
      for (const year of [Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4))]) {
        if (random.next() > 0.72) continue
        const on = day(`${year}-01-01`, year === Number(today.slice(0, 4)) ? today : `${year}-12-31`)
        rows.push({ ...base(p, 'ELDERLY_CARE', on), personId: p.id, outcome: '体检完成，血压偏高，建议复查', followUpOn: addDays(on, 90) })
      }
    }
    if (age >= 18 && random.next() < 0.05)
      rows.push({ ...base(p, 'FAMILY_DOCTOR', day(from, today)), personId: p.id, outcome: '签约家庭医生服务', followUpOn: null })
    if (age >= 18 && age <= 45 && random.next() < 0.004) {
      const on = day(from, today)
      const sensitiveCode = p.sex === 'FEMALE' && p.maritalStatus === 'MARRIED' && random.next() < 0.5 ? 'PREPREGNANCY' : 'CONTRACEPTION'
      rows.push({
        ...base(p, sensitiveCode, on),
        personId: p.id,
        outcome: '应本人要求提供咨询服务',
        followUpOn: null,
        consentBy: 'PERSON',
        consentOn: on,
        consentMethod: random.next() < 0.7 ? 'SIGNED_FORM' : 'VERBAL_WITNESSED',
        withdrawnOn: random.next() < 0.05 ? (addDays(on, 10) > today ? today : addDays(on, 10)) : null,
      })
    }
  }

  // pre-marital checks for about 60% of the people married in the two years
  const marriages = await db.lifeEvent.findMany({
    where: { countyId, type: 'MARRIAGE', status: 'ACTIVE', occurredOn: { gte: new Date(`${from}T00:00:00Z`) } },
    select: { personId: true, townshipId: true, villageId: true, occurredOn: true },
    orderBy: { id: 'asc' },
  })
  for (const m of marriages) {
    if (random.next() > 0.6) continue
    const married = m.occurredOn.toISOString().slice(0, 10)
    const on = addDays(married, -random.int(7, 120))
    if (on < from) continue
    rows.push({
      ...base(m, 'PREMARITAL', on),
      personId: m.personId,
      outcome: '检查完成',
      followUpOn: null,
      consentBy: 'PERSON',
      consentOn: on,
      consentMethod: 'SIGNED_FORM',
    })
  }

  // special families: three households a township, each contacted in most months
  const townships = await db.region.findMany({ where: { level: 'TOWNSHIP', ancestorIds: { has: countyId } }, select: { id: true }, orderBy: { code: 'asc' } })
  for (const t of townships) {
    const households = await db.household.findMany({
      where: { townshipId: t.id, headId: { not: null } },
      select: { id: true, villageId: true, headId: true },
      orderBy: { id: 'asc' },
      take: 400,
    })
    for (let i = 0; i < 3 && households.length > 0; i++) {
      const h = households.splice(random.int(0, households.length - 1), 1)[0]
      await db.specialFamily.create({
        data: {
          countyId,
          townshipId: t.id,
          villageId: h.villageId,
          householdId: h.id,
          townshipContact: random.pick(STAFF),
          villageContact: random.pick(STAFF),
          since: new Date(`${from}T00:00:00Z`),
          setById: recorder,
        },
      })
      for (let month = 1; month <= 24; month++) {
        const start = addMonths(from.slice(0, 8) + '01', month)
        if (start > today || random.next() > 0.85) continue
        const end = addDays(addMonths(start, 1), -1)
        rows.push({
          ...base({ townshipId: t.id, villageId: h.villageId }, 'SPECIAL_FAMILY', day(start, end < today ? end : today)),
          personId: h.headId,
          outcome: '上门看望，了解生活困难',
          followUpOn: null,
        })
      }
    }
  }

  // group activities: about one a quarter in each village
  const villages = await db.region.findMany({
    where: { level: 'VILLAGE', ancestorIds: { has: countyId } },
    select: { id: true, ancestorIds: true },
    orderBy: { code: 'asc' },
  })
  for (const v of villages) {
    for (let q = 0; q < 8; q++) {
      if (random.next() > 0.8) continue
      const start = addMonths(from, q * 3)
      const end = addDays(addMonths(from, q * 3 + 3), -1)
      if (start > today) continue
      rows.push({
        ...base({ townshipId: v.ancestorIds[1], villageId: v.id }, 'HEALTH_EDUCATION', day(start, end < today ? end : today)),
        title: random.pick(TOPICS),
        place: '村委会会议室',
        attendance: random.int(12, 60),
        outcome: '发放宣传资料，现场答疑',
        followUpOn: null,
      })
    }
  }
  rows.sort((a, b) => String(a.servedOn).localeCompare(String(b.servedOn)))
  await bulkInsert(db, 'ServiceRecord', RECORD_COLUMNS, rows)
  return [{ username: 'chd.service', name: '何丽萍', role: 'TOWNSHIP_SERVICE_STAFF', region: township.name, regionCode: options.serviceStaffTownshipCode }]
}

/**
 * A service station for every township (in its seat) and a service room for every village (in the
 * village committee's building). Returns them keyed `t<townshipId>` and `v<villageId>`.
 */
async function makeDemoStations(
  db: PrismaClient,
  countyId: number,
  random: ReturnType<typeof seededRandom>,
): Promise<Map<string, { id: number; name: string }>> {
  const regions = await db.region.findMany({
    where: { ancestorIds: { has: countyId }, level: { in: ['TOWNSHIP', 'VILLAGE'] }, validTo: null },
    select: { id: true, name: true, level: true, ancestorIds: true },
    orderBy: { code: 'asc' },
  })
  const townships = new Map(regions.filter((r) => r.level === 'TOWNSHIP').map((r) => [r.id, r.name]))
  const phone = () => `0534-5${String(random.int(0, 999_999)).padStart(6, '0')}`
  const data = regions.map((r) =>
    r.level === 'TOWNSHIP'
      ? {
          countyId,
          townshipId: r.id,
          villageId: null,
          kind: 'TOWNSHIP_STATION' as const,
          name: `${r.name}人口和家庭服务站`,
          address: `${r.name}政府院内`,
          openingHours: '周一至周五 8:30-12:00, 14:00-17:30',
          phone: phone(),
          staff: [random.pick(STAFF), random.pick(STAFF)],
          equipment: ['B超机', '健康一体机', '药具自助发放机', '档案柜'],
        }
      : {
          countyId,
          townshipId: r.ancestorIds[1],
          villageId: r.id,
          kind: 'VILLAGE_ROOM' as const,
          name: `${townships.get(r.ancestorIds[1]) ?? ''}${r.name}服务室`,
          address: `${r.name}村委会`,
          openingHours: '周一至周五 9:00-11:30',
          phone: phone(),
          staff: [random.pick(STAFF)],
          equipment: ['血压计', '体重秤', '档案柜'],
        },
  )
  await db.serviceStation.createMany({ data })
  const rows = await db.serviceStation.findMany({ where: { countyId }, select: { id: true, name: true, townshipId: true, villageId: true } })
  return new Map(rows.map((s) => [s.villageId ? `v${s.villageId}` : `t${s.townshipId}`, { id: s.id, name: s.name }]))
}
