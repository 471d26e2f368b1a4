import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { dataDir } from './paths'

export interface LocalSecrets {
  authSecret: string
  idNumberKey: string
  /** the embedded server's superuser: creates roles and databases, nothing else */
  superuserPassword: string
  /** the role that owns the tables and runs migrations */
  ownerPassword: string
  /** the role the app connects as: no superuser, no ownership, append-only audit table */
  appPassword: string
}

const password = () => randomBytes(24).toString('base64url')

/**
 * Secrets for the embedded (single-machine) setup: generated once and kept in ./.data/secrets.json
 * (mode 600) so restarts keep sessions and encrypted data readable. A file from an older version
 * gets the database passwords it lacks. A server setup passes them as environment variables
 * instead (README, "Configuration").
 */
export function loadOrCreateLocalSecrets(dir = dataDir()): LocalSecrets {
  const file = path.join(dir, 'secrets.json')
  const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {}
  const secrets: LocalSecrets = {
    authSecret: stored.authSecret ?? randomBytes(32).toString('base64url'),
    idNumberKey: stored.idNumberKey ?? randomBytes(32).toString('base64'),
    superuserPassword: stored.superuserPassword ?? password(),
    ownerPassword: stored.ownerPassword ?? password(),
    appPassword: stored.appPassword ?? password(),
  }
  if (Object.keys(secrets).some((key) => stored[key as keyof LocalSecrets] === undefined)) {
    fs.mkdirSync(dir, { recursive: true })
    // Written whole or not at all: a start killed half-way must not leave a truncated file.
    const temporary = `${file}.${process.pid}.tmp`
    fs.writeFileSync(temporary, JSON.stringify(secrets, null, 2), { mode: 0o600 })
    fs.renameSync(temporary, file)
  }
  return secrets
}
