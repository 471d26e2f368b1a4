import path from 'node:path'
import { dataDir } from './paths'
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded'
import { loadOrCreateLocalSecrets } from './secrets'

export const EMBEDDED_DATABASE = 'xiangzhen'

export interface DatabaseHandle {
  url: string
  embedded: EmbeddedServer | null
  /** secrets for the app: from the environment, or generated in ./.data for the embedded setup */
  authSecret: string
  /** 32-byte base64 master key for ID numbers at rest */
  idKey: string
}

/**
 * With DATABASE_URL, that server; without it, an embedded PostgreSQL in ./.data/pg (created and
 * initialised on first use, reused afterwards), so a fresh machine needs nothing installed.
 */
export async function openDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL
  if (url) {
    const authSecret = process.env.AUTH_SECRET
    const idKey = process.env.XZ_ID_KEY
    if (!authSecret || authSecret.length < 32) {
      throw new Error('AUTH_SECRET (at least 32 characters) must be set when DATABASE_URL is set; see README, "Configuration".')
    }
    if (!idKey || Buffer.from(idKey, 'base64').length !== 32) {
      throw new Error('XZ_ID_KEY (32 random bytes, base64) must be set when DATABASE_URL is set; see README, "Configuration".')
    }
    return { url, embedded: null, authSecret, idKey }
  }
  const port = Number(process.env.XZ_PG_PORT ?? 54329)
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error('XZ_PG_PORT must be a port number from 1024 to 65535')
  const embedded = await startEmbeddedPostgres(path.join(dataDir(), 'pg'), port)
  if (!(await embedded.databaseExists(EMBEDDED_DATABASE))) await embedded.createDatabase(EMBEDDED_DATABASE)
  const secrets = loadOrCreateLocalSecrets()
  const idKey = process.env.XZ_ID_KEY ?? secrets.idNumberKey
  // This process encrypts too (the demo generator, imports from scripts): with the app's key.
  process.env.XZ_ID_KEY = idKey
  return {
    url: embedded.url(EMBEDDED_DATABASE),
    embedded,
    authSecret: process.env.AUTH_SECRET ?? secrets.authSecret,
    idKey,
  }
}
