// The app for the browser tests: a fresh embedded database in ./.data-e2e with the demo county and
// two accounts only the tests use (one to lock out, one to reset), then `npm start` on it.
import fs from 'node:fs'
import path from 'node:path'
import { createClient } from '@/lib/db/client'
import { openDatabase } from '@/lib/db/runtime'
import { applyMigrations } from '@/lib/db/schema-engine'
import { buildDemoCounty, DEMO_PASSWORD } from '@/prisma/seed/demo'
import { makeUser } from '@/tests/factories'

const dataDir = path.resolve(process.env.XZ_DATA_DIR ?? '.data-e2e')
process.env.XZ_DATA_DIR = dataDir
process.env.XZ_PG_PORT ??= '54339'
process.env.PORT ??= process.env.XZ_E2E_PORT ?? '3100'
delete process.env.DATABASE_URL

fs.rmSync(dataDir, { recursive: true, force: true })
const database = await openDatabase()
const db = createClient(database.url)
try {
  await applyMigrations(database.url)
  await buildDemoCounty(db)
  const village = await db.region.findUniqueOrThrow({ where: { code: '371422100201' } })
  const township = await db.region.findUniqueOrThrow({ where: { code: '371422100000' } })
  await makeUser(db, { username: 'e2e.lock', name: '锁定测试', role: 'VILLAGE_OFFICER', regionId: village.id, password: DEMO_PASSWORD })
  await makeUser(db, { username: 'e2e.reset', name: '重置测试', role: 'TOWNSHIP_STAFF', regionId: township.id, password: DEMO_PASSWORD })
} finally {
  await db.$disconnect()
  await database.embedded?.stop()
}

await import('../../scripts/start')
