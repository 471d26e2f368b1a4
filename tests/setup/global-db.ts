// One real PostgreSQL for the integration run: a throwaway embedded server, a template database
// migrated once, and one copy per test worker. As in production (docs/decisions/0007), the
// template belongs to the owner role, which migrates it, and the tests' Prisma client connects as
// the app's role, so a missing grant fails here first.
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { startTemporaryPostgres } from '@/lib/db/temporary'
import { APP_ROLE, ensureRoles, migrate, OWNER_ROLE } from '@/lib/db/roles'
import pg from 'pg'

declare module 'vitest' {
  export interface ProvidedContext {
    /** the superuser, for tests that make databases: append a database name */
    pgServerUrl: string
    /** the owner role: append a database name */
    pgOwnerUrl: string
    /** the app's role: append a database name */
    pgAppUrl: string
  }
}

export const TEMPLATE = 'xz_template'

export default async function setup(project: TestProject) {
  const server = await startTemporaryPostgres('xz-test-')
  const roles = { ownerPassword: randomBytes(18).toString('base64url'), appPassword: randomBytes(18).toString('base64url') }
  await ensureRoles(server.url('postgres'), roles)
  await server.createDatabase(TEMPLATE, undefined, OWNER_ROLE)
  const owner = { user: OWNER_ROLE, password: roles.ownerPassword }
  const app = { user: APP_ROLE, password: roles.appPassword }
  await migrate({ migrateUrl: server.url(TEMPLATE, owner), appUrl: server.url(TEMPLATE, app) })
  // Nobody may stay connected to a template while it is copied.
  const admin = new pg.Client({ connectionString: server.url('postgres') })
  await admin.connect()
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [TEMPLATE])
  await admin.end()
  project.provide('pgServerUrl', server.url(''))
  project.provide('pgOwnerUrl', server.url('', owner))
  project.provide('pgAppUrl', server.url('', app))
  return async () => {
    await server.dispose()
  }
}
