// The demo county: 宁津县 (Ningjin County, Dezhou, Shandong) with its eleven townships, generated
// villages and village groups, and demo users for every role. Deterministic: the same seed builds
// the same county. Later modules extend this generator with their own demo data.
import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Role } from '@/lib/access/roles'
import { makeUser, type MadeRegion } from '@/tests/factories'
import { seededRandom, type Random } from '@/tests/factories/random'
import { todayIso } from '@/lib/dates'
import { buildResidents, DEFAULT_RESIDENTS, MAX_RESIDENTS } from './residents'
import { sweepRegion } from '@/lib/quality/sweep'
import { buildReportHistory } from './reports'
import { buildAssessmentDemo } from './assessment'

export const DEMO_PASSWORD = 'Ningjin@2026'
export const DEMO_SEED = 20261122

const COUNTY = { code: '371422000000', name: '宁津县' }

const TOWNSHIPS: { key: string; name: string; number: string }[] = [
  { key: 'njz', name: '宁津镇', number: '100' },
  { key: 'chd', name: '柴胡店镇', number: '101' },
  { key: 'zg', name: '长官镇', number: '102' },
  { key: 'dj', name: '杜集镇', number: '103' },
  { key: 'bd', name: '保店镇', number: '104' },
  { key: 'dl', name: '大柳镇', number: '105' },
  { key: 'dc', name: '大曹镇', number: '106' },
  { key: 'xy', name: '相衙镇', number: '107' },
  { key: 'sj', name: '时集镇', number: '108' },
  { key: 'zdz', name: '张大庄乡', number: '200' },
  { key: 'lyw', name: '刘营伍乡', number: '201' },
]

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔'
const PLACE_SUFFIXES = ['庄', '家', '集', '楼', '屯', '寨', '营', '店', '洼', '口', '桥', '园', '官', '辛', '码头']
const DIRECTIONS = ['', '', '', '东', '西', '南', '北', '前', '后', '大', '小']
const GROUP_NUMBERS = ['一', '二', '三', '四', '五', '六']

function villageName(random: Random, taken: Set<string>): string {
  for (;;) {
    const name = `${random.pick(DIRECTIONS)}${random.pick([...SURNAMES])}${random.pick(PLACE_SUFFIXES)}村`
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
  }
}

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
  const regions: { code: string; name: string; level: MadeRegion['level']; parentCode: string | null }[] = [{ ...COUNTY, level: 'COUNTY', parentCode: null }]
  const firstVillage = new Map<string, string>()
  for (const township of TOWNSHIPS) {
    const townshipCode = `371422${township.number}000`
    regions.push({ code: townshipCode, name: township.name, level: 'TOWNSHIP', parentCode: COUNTY.code })
    const taken = new Set<string>()
    let groupsInTownship = 0
    const villageCount = random.int(20, 40)
    for (let v = 0; v < villageCount; v++) {
      const villageCode = `371422${township.number}${String(201 + v)}`
      if (v === 0) firstVillage.set(township.key, villageCode)
      regions.push({ code: villageCode, name: villageName(random, taken), level: 'VILLAGE', parentCode: townshipCode })
      const groupCount = random.int(2, 6)
      for (let g = 0; g < groupCount; g++) {
        // Groups take codes 501–999 of their township's range, in order (see lib/regions/rules.ts).
        const groupCode = `371422${township.number}${String(501 + groupsInTownship++)}`
        regions.push({ code: groupCode, name: `第${GROUP_NUMBERS[g]}村民小组`, level: 'GROUP', parentCode: villageCode })
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
  const njz = '371422100000'
  const chd = '371422101000'
  const accounts: (DemoAccount & { regionCode: string })[] = [
    { username: 'admin', name: '王建国', role: 'ADMIN', region: COUNTY.name, regionCode: COUNTY.code },
    { username: 'county.official', name: '李秀英', role: 'COUNTY_OFFICIAL', region: COUNTY.name, regionCode: COUNTY.code },
    // the county report's statistician and unit head (three different officials sign it)
    { username: 'county.stats', name: '马俊峰', role: 'COUNTY_OFFICIAL', region: COUNTY.name, regionCode: COUNTY.code },
    { username: 'county.head', name: '高建华', role: 'COUNTY_OFFICIAL', region: COUNTY.name, regionCode: COUNTY.code },
    { username: 'inspector', name: '赵国强', role: 'INSPECTOR', region: COUNTY.name, regionCode: COUNTY.code },
    { username: 'njz.admin', name: '孙志刚', role: 'ADMIN', region: '宁津镇', regionCode: njz },
    { username: 'njz.leader', name: '周丽华', role: 'TOWNSHIP_LEADER', region: '宁津镇', regionCode: njz },
    { username: 'njz.staff', name: '吴晓燕', role: 'TOWNSHIP_STAFF', region: '宁津镇', regionCode: njz },
    // the township's statistician: signs reports after the preparer
    { username: 'njz.stats', name: '刘文静', role: 'TOWNSHIP_STAFF', region: '宁津镇', regionCode: njz },
    { username: 'chd.staff', name: '郑海涛', role: 'TOWNSHIP_STAFF', region: '柴胡店镇', regionCode: chd },
    { username: 'njz.v1', name: '冯桂兰', role: 'VILLAGE_OFFICER', region: '', regionCode: firstVillage.get('njz')! },
    { username: 'chd.v1', name: '陈长青', role: 'VILLAGE_OFFICER', region: '', regionCode: firstVillage.get('chd')! },
  ]
  for (const a of accounts) {
    if (!a.region) a.region = regions.find((r) => r.code === a.regionCode)!.name
    await makeUser(db, { username: a.username, name: a.name, role: a.role, regionId: regionId(a.regionCode), password: DEMO_PASSWORD })
  }
  let made = { persons: 0, households: 0, events: 0 }
  if (residents > 0) {
    const rows = await db.region.findMany({
      where: { level: { in: ['VILLAGE', 'GROUP'] }, ancestorIds: { has: regionId(COUNTY.code) } },
      select: { id: true, name: true, level: true, parentId: true, ancestorIds: true },
      orderBy: { code: 'asc' },
    })
    const villages = rows
      .filter((r) => r.level === 'VILLAGE')
      .map((v) => ({
        id: v.id,
        name: v.name,
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
  await buildReportHistory(db, { countyId: regionId(COUNTY.code), today: options.today ?? todayIso(), password: DEMO_PASSWORD, seed })
  await buildAssessmentDemo(db, { countyId: regionId(COUNTY.code), today: options.today ?? todayIso(), seed })
  return { regions: regions.length, accounts: accounts.map(({ regionCode: _code, ...a }) => a), ...made }
}

export async function isEmptyDatabase(db: PrismaClient): Promise<boolean> {
  return (await db.region.count()) === 0
}
