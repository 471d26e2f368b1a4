// Applies pending migrations to the configured database (DATABASE_URL, or the embedded one).
import { openDatabase } from '../lib/db/runtime'
import { applyMigrations } from '../lib/db/schema-engine'

const database = await openDatabase()
try {
  const applied = await applyMigrations(database.url)
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
} finally {
  await database.embedded?.stop()
}
