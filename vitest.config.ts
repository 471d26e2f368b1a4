import path from 'node:path'
import { defineConfig } from 'vitest/config'

const root = path.resolve(import.meta.dirname)
// scripts/gate-selfcheck.sh adds a deliberately failing test to one runner (tests/canary).
const canary = process.env.XZ_GATE_CANARY

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Server modules guard against client bundling with 'server-only'; tests run on the server.
      { find: /^server-only$/, replacement: path.join(root, 'tests/setup/server-only.ts') },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'tests/unit/**/*.test.ts', ...(canary === 'unit' ? ['tests/canary/*.canary.test.ts'] : [])],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['lib/**/*.int.test.ts', 'tests/integration/**/*.int.test.ts', ...(canary === 'integration' ? ['tests/canary/*.canary.int.test.ts'] : [])],
          environment: 'node',
          globalSetup: ['tests/setup/global-db.ts'],
          setupFiles: ['tests/setup/worker-db.ts'],
          pool: 'forks',
          maxWorkers: 2,
          // next-auth imports 'next/server' without an extension, which Node's own ESM loader
          // refuses; through Vite it resolves (tests/integration/signout-route.int.test.ts).
          server: { deps: { inline: ['next-auth'] } },
          // a 2-core machine under load runs a report workflow test in ~30 s; failures are assertions, not time
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
