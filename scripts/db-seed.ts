// Loads the demo county into an empty database: `npm run db:seed` (for DATABASE_URL setups; the
// embedded setup loads it by itself on first start). Refuses a database that already has regions.
import { createClient } from '../lib/db/client'
import { openDatabase } from '../lib/db/runtime'
import { applyMigrations } from '../lib/db/schema-engine'
import { buildDemoCounty, DEMO_PASSWORD, isEmptyDatabase } from '../prisma/seed/demo'

const database = await openDatabase()
const db = createClient(database.url)
try {
  await applyMigrations(database.url)
  if (!(await isEmptyDatabase(db))) {
    console.error('The database already has regions; the demo county is loaded only into an empty database.')
    process.exitCode = 1
  } else {
    const { regions, accounts } = await buildDemoCounty(db)
    console.log(`Demo county loaded: ${regions} regions, ${accounts.length} accounts (password ${DEMO_PASSWORD}).`)
  }
} finally {
  await db.$disconnect()
  await database.embedded?.stop()
}
