import 'server-only'
import { parseEnv, type Env } from './env-schema'

export type { Env }

let cached: Env | undefined

export function env(): Env {
  if (cached) return cached
  cached = parseEnv(process.env)
  return cached
}
