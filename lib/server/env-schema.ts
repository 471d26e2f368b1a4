import { z } from 'zod'

// Configuration is validated once, at first use, so a missing or malformed value stops the app
// with a message that names it instead of failing later in an unrelated place.
export const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is not set. Start the app with `npm start`, which provides it, or set it to a PostgreSQL URL.' })
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL must be a postgresql:// URL' }),
  AUTH_SECRET: z
    .string({ error: 'AUTH_SECRET is not set (at least 32 characters). `npm start` generates one in ./.data/secrets.json.' })
    .min(32, { error: 'AUTH_SECRET must be at least 32 characters' }),
  XZ_ID_KEY: z
    .string({ error: 'XZ_ID_KEY is not set (32 random bytes, base64). `npm start` generates one in ./.data/secrets.json.' })
    .refine((v) => Buffer.from(v, 'base64').length === 32, { error: 'XZ_ID_KEY must be 32 bytes, base64-encoded' }),
  // How many proxies of ours stand in front; only then is X-Forwarded-For believed (lib/server/request.ts).
  XZ_TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(true|false|[0-9]|10)$/, { error: 'XZ_TRUST_PROXY must be false, true or the number of proxies in front (0 to 10)' })
    .optional()
    .transform((v) => (v === undefined || v === 'false' ? 0 : v === 'true' ? 1 : Number(v))),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
})

export type Env = z.infer<typeof envSchema>

/** Checks a configuration without caching it (start-up checks and tests). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}
