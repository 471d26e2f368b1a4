import 'server-only'
import { z } from 'zod'

// Configuration is validated once, at first use, so a missing or malformed value stops the app
// with a message that names it instead of failing later in an unrelated place.
const schema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is not set. Start the app with `npm start`, which provides it, or set it to a PostgreSQL URL.' })
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL must be a postgresql:// URL' }),
  AUTH_SECRET: z
    .string({ error: 'AUTH_SECRET is not set (at least 32 characters). `npm start` generates one in ./.data/secrets.json.' })
    .min(32, { error: 'AUTH_SECRET must be at least 32 characters' }),
  XZ_ID_KEY: z
    .string({ error: 'XZ_ID_KEY is not set (32 random bytes, base64). `npm start` generates one in ./.data/secrets.json.' })
    .refine((v) => Buffer.from(v, 'base64').length === 32, { error: 'XZ_ID_KEY must be 32 bytes, base64-encoded' }),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
})

export type Env = z.infer<typeof schema>

let cached: Env | undefined

export function env(): Env {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  cached = parsed.data
  return cached
}
