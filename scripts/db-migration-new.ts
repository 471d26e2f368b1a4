// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// existing migrations and schema.prisma (what `prisma migrate dev --create-only` does), using a
// throwaway embedded PostgreSQL as the shadow database. Usage: npm run db:migration:new -- <name>
import fs from 'node:fs'
import path from 'node:path'
import { diffMigrationsToSchema, isEmptyMigration, MIGRATIONS_DIR } from '../lib/db/schema-engine'
import { startTemporaryPostgres } from '../lib/db/temporary'

const name = (process.argv[2] ?? '').trim()
if (!/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error('Usage: npm run db:migration:new -- <name>   (lower-case letters, digits and _)')
  process.exit(2)
}

const shadow = await startTemporaryPostgres('xz-shadow-')
try {
  await shadow.createDatabase('shadow')
  const sql = await diffMigrationsToSchema(shadow.url('shadow'))
  if (isEmptyMigration(sql)) {
    console.log('schema.prisma and prisma/migrations agree: no migration needed.')
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`)
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql + '\n')
    console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql — review it, then npm run db:migrate`)
  }
} finally {
  await shadow.dispose()
}
