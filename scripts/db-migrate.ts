// Applies pending migrations to the configured database (DATABASE_URL, or the embedded one) as the
// owner (MIGRATE_DATABASE_URL) and grants the app's role its privileges.
import { openDatabase } from '../lib/db/runtime'
import { migrate } from '../lib/db/roles'

const database = await openDatabase()
try {
  const applied = await migrate({ migrateUrl: database.migrateUrl, appUrl: database.url })
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
} finally {
  await database.embedded?.stop()
}
