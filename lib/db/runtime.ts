import fs from 'node:fs'
import path from 'node:path'
import { dataDir } from './paths'
import { startEmbeddedPostgres, StartupError, type EmbeddedServer } from './embedded'
import { loadOrCreateLocalSecrets } from './secrets'
import { APP_ROLE, ensureRoles, handOverToOwner, OWNER_ROLE } from './roles'

export const EMBEDDED_DATABASE = 'xiangzhen'

export interface DatabaseHandle {
  /** the app's connection: a role without superuser or ownership (docs/decisions/0007) */
  url: string
  /** the owner's connection, for migrations and the demo load */
  migrateUrl: string
  embedded: EmbeddedServer | null
  /** secrets for the app: from the environment, or generated in ./.data for the embedded setup */
  authSecret: string
  /** 32-byte base64 master key for ID numbers at rest */
  idKey: string
}

/** Marks a demo load in progress: a start killed during it leaves a half-loaded database. */
export function demoMarker(): string {
  return path.join(dataDir(), 'demo-loading')
}

/**
 * With DATABASE_URL, that server (MIGRATE_DATABASE_URL, when set, for migrations); without it, an
 * embedded PostgreSQL in ./.data/pg (created and initialised on first use, reused afterwards), so
 * a fresh machine needs nothing installed.
 */
export async function openDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL
  if (url) {
    const authSecret = process.env.AUTH_SECRET
    const idKey = process.env.XZ_ID_KEY
    if (!authSecret || authSecret.length < 32) {
      throw new StartupError('AUTH_SECRET (at least 32 characters) must be set when DATABASE_URL is set; see README, "Configuration".')
    }
    if (!idKey || Buffer.from(idKey, 'base64').length !== 32) {
      throw new StartupError('XZ_ID_KEY (32 random bytes, base64) must be set when DATABASE_URL is set; see README, "Configuration".')
    }
    const migrateUrl = process.env.MIGRATE_DATABASE_URL || url
    if (!/^postgres(ql)?:\/\//.test(migrateUrl)) throw new StartupError('MIGRATE_DATABASE_URL must be a postgresql:// URL')
    return { url, migrateUrl, embedded: null, authSecret, idKey }
  }
  const port = Number(process.env.XZ_PG_PORT ?? 54329)
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new StartupError('XZ_PG_PORT must be a port number from 1024 to 65535')
  const secrets = loadOrCreateLocalSecrets()
  const embedded = await startEmbeddedPostgres(path.join(dataDir(), 'pg'), port, secrets.superuserPassword)
  try {
    await ensureRoles(embedded.url('postgres'), secrets)
    // A start killed while loading the demo left a half-filled database: begin it again.
    if (fs.existsSync(demoMarker())) await embedded.dropDatabase(EMBEDDED_DATABASE)
    if (!(await embedded.databaseExists(EMBEDDED_DATABASE))) await embedded.createDatabase(EMBEDDED_DATABASE, undefined, OWNER_ROLE)
    // A database from before the two roles belongs to the superuser; no-op afterwards.
    await handOverToOwner(embedded.url(EMBEDDED_DATABASE))
  } catch (error) {
    await embedded.stop()
    throw error
  }
  const idKey = process.env.XZ_ID_KEY ?? secrets.idNumberKey
  // This process encrypts too (the demo generator, imports from scripts): with the app's key.
  process.env.XZ_ID_KEY = idKey
  return {
    url: embedded.url(EMBEDDED_DATABASE, { user: APP_ROLE, password: secrets.appPassword }),
    migrateUrl: embedded.url(EMBEDDED_DATABASE, { user: OWNER_ROLE, password: secrets.ownerPassword }),
    embedded,
    authSecret: process.env.AUTH_SECRET ?? secrets.authSecret,
    idKey,
  }
}
