// Each integration worker gets its own database, copied from the migrated template on first use
// (owned by the owner role, like the template); the app's services connect as the app's role.
import { inject } from 'vitest'
import pg from 'pg'

const serverUrl = inject('pgServerUrl')
const database = `xz_test_${process.env.VITEST_POOL_ID ?? '1'}`

const admin = new pg.Client({ connectionString: `${serverUrl}postgres` })
await admin.connect()
try {
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}" TEMPLATE xz_template OWNER xz_owner`)
} finally {
  await admin.end()
}

process.env.DATABASE_URL = `${inject('pgAppUrl')}${database}`
/** The same database as its owner, for tests that check what only the owner may do. */
process.env.XZ_TEST_OWNER_URL = `${inject('pgOwnerUrl')}${database}`
process.env.AUTH_SECRET = 'integration-tests-secret-0123456789abcdef'
process.env.XZ_ID_KEY = Buffer.alloc(32, 7).toString('base64')

// The modules plug into each other's hooks as they do in the app (lib/modules.ts).
await import('@/lib/modules')
