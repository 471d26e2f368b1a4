// Loads the demo county into an empty database: `npm run db:seed [-- --residents N]` (for
// DATABASE_URL setups; the embedded setup loads it by itself on first start, sized by
// XZ_DEMO_RESIDENTS). Refuses a database that already has regions.
import { createClient } from '../lib/db/client'
import { openDatabase } from '../lib/db/runtime'
import { migrate } from '../lib/db/roles'
import { buildDemoCounty, DEMO_PASSWORD, isEmptyDatabase } from '../prisma/seed/demo'

const database = await openDatabase()
// The demo load runs as the owner (MIGRATE_DATABASE_URL when set).
const db = createClient(database.migrateUrl)
try {
  await migrate({ migrateUrl: database.migrateUrl, appUrl: database.url })
  if (!(await isEmptyDatabase(db))) {
    console.error('The database already has regions; the demo county is loaded only into an empty database.')
    process.exitCode = 1
  } else {
    const flag = process.argv.indexOf('--residents')
    const residents = flag > 0 ? Number(process.argv[flag + 1]) : undefined
    if (residents !== undefined && (!Number.isInteger(residents) || residents < 0 || residents > 1_000_000)) {
      throw new Error('--residents takes a whole number from 0 to 1000000')
    }
    const started = Date.now()
    const demo = await buildDemoCounty(db, { residents })
    console.log(
      `Demo county loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${demo.regions} regions, ${demo.households} households, ${demo.persons} residents, ${demo.events} life events, ${demo.accounts.length} accounts (password ${DEMO_PASSWORD}).`,
    )
  }
} finally {
  await db.$disconnect()
  await database.embedded?.stop()
}
