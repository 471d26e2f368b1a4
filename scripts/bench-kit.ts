// What the benchmark scripts share: percentiles, timing, and running each database size in a
// process of its own (the app's database client and configuration are made once per process).
import { execFileSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { createClient } from '../lib/db/client'
import { applyMigrations } from '../lib/db/schema-engine'
import { startTemporaryPostgres } from '../lib/db/temporary'

export function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { n: ms.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] }
}

export function formatStats(s: ReturnType<typeof stats>, digits = 1): string {
  return `p50 ${s.p50.toFixed(digits)} ms  p95 ${s.p95.toFixed(digits)} ms  max ${s.max.toFixed(digits)} ms  (n=${s.n})`
}

export async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now()
  const result = await fn()
  return [performance.now() - t, result]
}

/** label → residents → printed figure */
export type Results = Record<string, Record<number, string>>

export function recorder(results: Results) {
  return (label: string, size: number, value: string) => ((results[label] ??= {})[size] = value)
}

/**
 * With more than one size, runs this script once per size (`--residents N --json` plus `extraArgs`)
 * and gathers the figures each child prints as its last line. Returns false when there is only one
 * size, so the caller measures it in this process.
 */
export function runSizesInChildProcesses(sizes: number[], extraArgs: string[], results: Results): boolean {
  if (sizes.length <= 1) return false
  const record = recorder(results)
  for (const residents of sizes) {
    const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1], '--residents', String(residents), ...extraArgs, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    })
    const child = JSON.parse(out.trim().split('\n').at(-1)!) as Results
    for (const [label, bySize] of Object.entries(child)) for (const [size, value] of Object.entries(bySize)) record(label, Number(size), value)
  }
  return true
}

/**
 * A throwaway PostgreSQL with the demo county of `residents` (its load time recorded), the app's
 * DATABASE_URL pointing at it while `run` measures; removed afterwards.
 */
export async function withDemoDatabase(residents: number, record: ReturnType<typeof recorder>, run: () => Promise<void>): Promise<void> {
  const server = await startTemporaryPostgres('xz-bench-')
  try {
    await server.createDatabase('bench')
    const url = server.url('bench')
    await applyMigrations(url)
    process.env.DATABASE_URL = url
    const { buildDemoCounty } = await import('../prisma/seed/demo')
    const seedDb = createClient(url)
    try {
      const [loadMs, made] = await time(() => buildDemoCounty(seedDb, { residents }))
      await seedDb.$executeRawUnsafe('ANALYZE')
      record('load demo county', residents, `${(loadMs / 1000).toFixed(1)} s (${made.persons} residents, ${made.events} events)`)
    } finally {
      await seedDb.$disconnect()
    }
    await run()
  } finally {
    await server.dispose()
  }
}
