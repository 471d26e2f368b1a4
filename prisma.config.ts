import { defineConfig } from 'prisma/config'

// Migrations are applied by scripts/db-migrate.ts through the WebAssembly schema engine, because
// the Prisma CLI cannot download its native engine offline (docs/decisions/0001-prisma-offline.md).
// The CLI is used only for `prisma generate`, which needs no database URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})
