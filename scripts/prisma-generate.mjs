// Generates the Prisma client without the network.
// The Prisma CLI downloads a native schema engine on first use; `generate` never runs it, so
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable skips the download.
// See docs/decisions/0001-prisma-offline.md.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const engine = process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync('/bin/false') ? '/bin/false' : process.execPath)
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
})
process.exit(result.status ?? 1)
