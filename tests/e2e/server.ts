// The app for the browser tests: a fresh embedded database in ./.data-e2e with the demo county and
// two accounts only the tests use (one to lock out, one to reset), then `npm start` on it.
import fs from 'node:fs'
import path from 'node:path'
import { createClient } from '@/lib/db/client'
import { openDatabase } from '@/lib/db/runtime'
import { migrate } from '@/lib/db/roles'
import { buildDemoCounty, DEMO_PASSWORD } from '@/prisma/seed/demo'
import { makeUser } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { makeIdNumber } from '@/lib/registry/idcard'
import { loadOrCreateLocalSecrets } from '@/lib/db/secrets'

const dataDir = path.resolve(process.env.XZ_DATA_DIR ?? '.data-e2e')
process.env.XZ_DATA_DIR = dataDir
process.env.XZ_PG_PORT ??= '54339'
process.env.PORT ??= process.env.XZ_E2E_PORT ?? '3100'
delete process.env.DATABASE_URL

fs.rmSync(dataDir, { recursive: true, force: true })
const database = await openDatabase()
// The fixture encrypts ID numbers with the key the app will use.
process.env.XZ_ID_KEY = loadOrCreateLocalSecrets(dataDir).idNumberKey
// The fixture is loaded as the owner, as npm start loads the demo.
const db = createClient(database.migrateUrl)
try {
  await migrate({ migrateUrl: database.migrateUrl, appUrl: database.url })
  // No generated residents: the tests work on the known ones below and on what they enter.
  await buildDemoCounty(db, { residents: 0 })
  const village = await db.region.findUniqueOrThrow({ where: { code: '371422001001' } })
  const township = await db.region.findUniqueOrThrow({ where: { code: '371422001000' } })
  await makeUser(db, { username: 'e2e.lock', name: '锁定测试', role: 'VILLAGE_OFFICER', regionId: village.id, password: DEMO_PASSWORD })
  await makeUser(db, { username: 'e2e.reset', name: '重置测试', role: 'TOWNSHIP_STAFF', regionId: township.id, password: DEMO_PASSWORD })
  await seedResidents(db, village, await db.region.findUniqueOrThrow({ where: { code: '371422101202' } }))
  await seedSearchResidents(db, await db.region.findUniqueOrThrow({ where: { code: '371422102201' } }))
  // 长官镇's clerk: exports residents' rows (register.export), which the county's officials may not
  const changguan = await db.region.findUniqueOrThrow({ where: { code: '371422102000' } })
  await makeUser(db, { username: 'e2e.zgz', name: '长官镇统计员', role: 'TOWNSHIP_STAFF', regionId: changguan.id, password: DEMO_PASSWORD })
  // A second county, not yet set up, and its administrator: sets it up from the national list
  // (tests/e2e/region-setup.spec.ts). No other test looks at it.
  const qingyun = await db.region.create({ data: { code: '371423000000', name: '庆云县', level: 'COUNTY', ancestorIds: [] } })
  await makeUser(db, { username: 'e2e.qy.admin', name: '庆云县管理员', role: 'ADMIN', regionId: qingyun.id, password: DEMO_PASSWORD })
} finally {
  await db.$disconnect()
  await database.embedded?.stop()
}

await import('../../scripts/start')

/**
 * A few known residents for the browser tests, in 宁城街道's first village (371422001001) and
 * 柴胡店镇's first village (371422101202): a family of three, an inflow and an outflow migrant.
 */
async function seedResidents(
  client: typeof db,
  ningjinVillage: { id: number; level: 'VILLAGE' | 'COUNTY' | 'TOWNSHIP' | 'GROUP'; ancestorIds: number[] },
  chaihuVillage: typeof ningjinVillage,
) {
  const base = { ethnicity: '01', residence: 'LOCAL' as const, maritalStatus: 'MARRIED' as const }
  await makeHousehold(client, ningjinVillage, {
    address: '宁城街道幸福路 8 号',
    members: [
      {
        ...base,
        name: '王建军',
        sex: 'MALE',
        birthDate: '1985-03-02',
        idNumber: makeIdNumber('371422', '1985-03-02', 11, 'MALE'),
        phone: '13800138000',
        relation: 'SELF',
      },
      { ...base, name: '李秀兰', sex: 'FEMALE', birthDate: '1988-07-15', idNumber: makeIdNumber('371422', '1988-07-15', 12, 'FEMALE'), relation: 'SPOUSE' },
      { ...base, name: '王小明', sex: 'MALE', birthDate: '2015-09-09', maritalStatus: 'SINGLE', relation: 'CHILD' },
    ],
  })
  await makeHousehold(client, ningjinVillage, {
    address: '宁城街道工业园宿舍 3 号',
    members: [
      {
        ...base,
        name: '赵文华',
        sex: 'MALE',
        birthDate: '1992-11-20',
        residence: 'INFLOW',
        migrationPlace: '河北省沧州市吴桥县',
        migrationSince: '2025-03-01',
        hukouText: '河北省沧州市吴桥县',
        relation: 'SELF',
      },
    ],
  })
  await makeHousehold(client, ningjinVillage, {
    address: '宁城街道东街 21 号',
    members: [
      {
        ...base,
        name: '刘强',
        sex: 'MALE',
        birthDate: '1990-04-04',
        idNumber: makeIdNumber('371422', '1990-04-04', 13, 'MALE'),
        residence: 'OUTFLOW',
        migrationPlace: '北京市朝阳区',
        migrationSince: '2024-06-01',
        relation: 'SELF',
      },
    ],
  })
  await makeHousehold(client, chaihuVillage, {
    address: '柴胡店镇南街 5 号',
    members: [{ ...base, name: '陈立新', sex: 'MALE', birthDate: '1970-01-15', idNumber: makeIdNumber('371422', '1970-01-15', 14, 'MALE'), relation: 'SELF' }],
  })
}

/**
 * Residents of every age and kind for the register search tests (tests/e2e/register-search.spec.ts),
 * in 长官镇's first village (371422102201), which no other test counts: a family of three
 * generations, inflow migrants from a newborn to a man of 68, one outflow, one away, one of 90.
 * Surnames no other test uses, so a name search has a known answer.
 */
async function seedSearchResidents(client: typeof db, village: { id: number; level: 'VILLAGE' | 'COUNTY' | 'TOWNSHIP' | 'GROUP'; ancestorIds: number[] }) {
  const base = { ethnicity: '01', residence: 'LOCAL' as const, maritalStatus: 'MARRIED' as const }
  const inflow = { residence: 'INFLOW' as const, migrationPlace: '河南省商丘市', migrationSince: '2024-09-01', hukouText: '河南省商丘市' }
  await makeHousehold(client, village, {
    address: '长官镇葡萄园路 1 号',
    members: [
      {
        ...base,
        name: '欧阳明月',
        sex: 'FEMALE',
        birthDate: '1948-04-12',
        maritalStatus: 'WIDOWED',
        idNumber: makeIdNumber('371422', '1948-04-12', 731, 'FEMALE'),
        phone: '13912345678',
        relation: 'SELF',
      },
      { ...base, name: '欧阳振华', sex: 'MALE', birthDate: '1975-08-30', idNumber: makeIdNumber('371422', '1975-08-30', 733, 'MALE'), relation: 'CHILD' },
      { ...base, name: '欧阳小雨', sex: 'FEMALE', birthDate: '2012-01-05', maritalStatus: 'SINGLE', relation: 'GRANDCHILD' },
    ],
  })
  await makeHousehold(client, village, {
    address: '长官镇纺织厂宿舍 2 号',
    members: [
      { ...base, ...inflow, name: '马春生', sex: 'MALE', birthDate: '1958-03-01', relation: 'SELF' },
      { ...base, ...inflow, name: '马丽', sex: 'FEMALE', birthDate: '1984-10-10', relation: 'CHILD' },
      { ...base, ...inflow, name: '马小龙', sex: 'MALE', birthDate: '2019-05-05', maritalStatus: 'SINGLE', relation: 'GRANDCHILD' },
    ],
  })
  await makeHousehold(client, village, {
    address: '长官镇纺织厂宿舍 5 号',
    members: [
      { ...base, ...inflow, name: '古丽娜', sex: 'FEMALE', birthDate: '1996-12-12', ethnicity: '05', relation: 'SELF' },
      { ...base, ...inflow, name: '白云飞', sex: 'MALE', birthDate: '2002-07-07', maritalStatus: 'SINGLE', relation: 'OTHER' },
    ],
  })
  await makeHousehold(client, village, {
    address: '长官镇南关街 9 号',
    members: [
      { ...base, name: '诸葛长青', sex: 'MALE', birthDate: '1936-02-02', maritalStatus: 'WIDOWED', relation: 'SELF' },
      {
        ...base,
        name: '司马光明',
        sex: 'MALE',
        birthDate: '1980-06-16',
        residence: 'OUTFLOW',
        migrationPlace: '天津市滨海新区',
        migrationSince: '2023-03-01',
        relation: 'CHILD',
      },
      {
        ...base,
        name: '上官婉清',
        sex: 'FEMALE',
        birthDate: '1999-09-19',
        maritalStatus: 'SINGLE',
        residence: 'AWAY',
        phone: '13812340000',
        relation: 'GRANDCHILD',
      },
    ],
  })
}
