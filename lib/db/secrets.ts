import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { dataDir } from './paths'

export interface LocalSecrets {
  authSecret: string
  idNumberKey: string
}

/**
 * Secrets for the embedded (single-machine) setup: generated once and kept in ./.data/secrets.json
 * (mode 600) so restarts keep sessions and encrypted data readable. A server setup passes them as
 * environment variables instead (README, "Configuration").
 */
export function loadOrCreateLocalSecrets(dir = dataDir()): LocalSecrets {
  const file = path.join(dir, 'secrets.json')
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets
  }
  fs.mkdirSync(dir, { recursive: true })
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString('base64url'),
    idNumberKey: randomBytes(32).toString('base64'),
  }
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}
