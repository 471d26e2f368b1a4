// Report benchmarks: `npm run bench:reports [-- --residents 100000,500000 --runs 10]`
// (node --conditions=react-server, so the server modules load as they do inside Next.js).
// For each size: a throwaway PostgreSQL with the demo county of that many residents, then the
// server-side time of computing the monthly county report, a township's monthly report, the
// annual county report, the half-year report, and the timeliness page's query. Prints p50/p95/max
// over the runs; nothing is asserted — these are measurements.
import { performance } from 'node:perf_hooks'
import { startTemporaryPostgres } from '../lib/db/temporary'
import { applyMigrations } from '../lib/db/schema-engine'
import { createClient } from '../lib/db/client'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('residents', '100000,500000').split(',').map(Number)
const runs = Number(arg('runs', '10'))

process.env.XZ_ID_KEY ??= Buffer.alloc(32, 9).toString('base64')
process.env.AUTH_SECRET ??= 'benchmark-secret-0123456789abcdefghij'

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { n: ms.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] }
}
const fmt = (s: ReturnType<typeof stats>) => `p50 ${s.p50.toFixed(0)} ms  p95 ${s.p95.toFixed(0)} ms  max ${s.max.toFixed(0)} ms  (n=${s.n})`

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now()
  const result = await fn()
  return [performance.now() - t, result]
}

async function repeat(fn: () => Promise<unknown>): Promise<string> {
  await fn() // warm the cache once, as a page already visited would be
  const ms: number[] = []
  for (let i = 0; i < runs; i++) ms.push((await time(fn))[0])
  return fmt(stats(ms))
}

const results: Record<string, Record<number, string>> = {}
const record = (label: string, size: number, value: string) => ((results[label] ??= {})[size] = value)

// The app's database client is made once per process, so each size runs in a process of its own.
if (sizes.length > 1) {
  const { execFileSync } = await import('node:child_process')
  for (const residents of sizes) {
    const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1], '--residents', String(residents), '--runs', String(runs), '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    })
    const child = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, Record<number, string>>
    for (const [label, bySize] of Object.entries(child)) for (const [size, value] of Object.entries(bySize)) record(label, Number(size), value)
  }
  print()
  process.exit(0)
}

for (const residents of sizes) {
  const server = await startTemporaryPostgres('xz-bench-')
  try {
    await server.createDatabase('bench')
    const url = server.url('bench')
    await applyMigrations(url)
    process.env.DATABASE_URL = url
    const { buildDemoCounty } = await import('../prisma/seed/demo')
    const seedDb = createClient(url)
    const [loadMs, made] = await time(() => buildDemoCounty(seedDb, { residents }))
    await seedDb.$executeRawUnsafe('ANALYZE')
    await seedDb.$disconnect()
    record('load demo county', residents, `${(loadMs / 1000).toFixed(1)} s (${made.persons} residents, ${made.events} events)`)

    const { db } = await import('../lib/server/db')
    const { computeCounts } = await import('../lib/reports/figures')
    const { latestEndedPeriod, DEFAULT_REPORT_SETTINGS } = await import('../lib/reports/rules')
    const { todayIso } = await import('../lib/registry/rules')

    const county = await db.region.findFirstOrThrow({ where: { level: 'COUNTY', code: '371422000000' } })
    const township = await db.region.findFirstOrThrow({ where: { code: '371422100000' } })
    const today = todayIso()
    const month = latestEndedPeriod('MONTHLY', today, DEFAULT_REPORT_SETTINGS)
    const half = latestEndedPeriod('HALF_YEAR', today, DEFAULT_REPORT_SETTINGS)
    const year = latestEndedPeriod('ANNUAL', today, DEFAULT_REPORT_SETTINGS)
    const countyScope = { level: 'COUNTY' as const, regionId: county.id, countyId: county.id }
    const townshipScope = { level: 'TOWNSHIP' as const, regionId: township.id, countyId: county.id }

    record(`monthly county report (${month.key}), live from the register`, residents, await repeat(() => computeCounts(db, countyScope, month)))
    record(`monthly township report (宁津镇 ${month.key})`, residents, await repeat(() => computeCounts(db, townshipScope, month)))
    record(`half-year county report (${half.key})`, residents, await repeat(() => computeCounts(db, countyScope, half)))
    record(`annual county report (${year.key})`, residents, await repeat(() => computeCounts(db, countyScope, year)))
    record(`annual township report (宁津镇 ${year.key})`, residents, await repeat(() => computeCounts(db, townshipScope, year)))
    try {
      const { timelinessOverview } = await import('../lib/reports/queries')
      record(`timeliness page (statistical year ${year.statYear})`, residents, await repeat(() => timelinessOverview(county.id, year.statYear, today)))
    } catch (error) {
      record('timeliness page', residents, `not measured: ${(error as Error).message}`)
    }
    await db.$disconnect()
  } finally {
    await server.dispose()
  }
}

if (process.argv.includes('--json')) console.log(JSON.stringify(results))
else print()

function print() {
  console.log(`\nReport benchmark (${runs} runs each after one warm-up; server-side time)\n`)
  for (const [label, bySize] of Object.entries(results)) {
    console.log(label)
    for (const size of sizes) console.log(`  ${String(size).padStart(8)} residents: ${bySize[size] ?? '—'}`)
  }
}
