// One real PostgreSQL for the integration run: a throwaway embedded server (or TEST_DATABASE_ADMIN_URL,
// a server you run yourself), a template database migrated once, and one copy per test worker.
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '@/lib/db/schema-engine'
import { startTemporaryPostgres } from '@/lib/db/temporary'
import pg from 'pg'

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string
  }
}

export const TEMPLATE = 'xz_template'

export default async function setup(project: TestProject) {
  const server = await startTemporaryPostgres('xz-test-')
  await server.createDatabase(TEMPLATE)
  await applyMigrations(server.url(TEMPLATE))
  // Nobody may stay connected to a template while it is copied.
  const admin = new pg.Client({ connectionString: server.url('postgres') })
  await admin.connect()
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [TEMPLATE])
  await admin.end()
  project.provide('pgServerUrl', server.url(''))
  return async () => {
    await server.dispose()
  }
}
