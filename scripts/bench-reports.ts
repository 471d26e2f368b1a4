// Report benchmarks: `npm run bench:reports [-- --residents 100000,500000 --runs 10]`
// (node --conditions=react-server, so the server modules load as they do inside Next.js).
// For each size: a throwaway PostgreSQL with the demo county of that many residents, then the
// server-side time of computing the monthly county report, a township's monthly report, the
// annual county report, the half-year report, and the timeliness page's query. Prints p50/p95/max
// over the runs; nothing is asserted — these are measurements.
import { formatStats, recorder, runSizesInChildProcesses, stats, time, withDemoDatabase, type Results } from './bench-kit'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('residents', '100000,500000').split(',').map(Number)
const runs = Number(arg('runs', '10'))

process.env.XZ_ID_KEY ??= Buffer.alloc(32, 9).toString('base64')
process.env.AUTH_SECRET ??= 'benchmark-secret-0123456789abcdefghij'

async function repeat(fn: () => Promise<unknown>): Promise<string> {
  await fn() // warm the cache once, as a page already visited would be
  const ms: number[] = []
  for (let i = 0; i < runs; i++) ms.push((await time(fn))[0])
  return fmt(stats(ms))
}

const fmt = (s: ReturnType<typeof stats>) => formatStats(s, 0)
const results: Results = {}
const record = recorder(results)

if (runSizesInChildProcesses(sizes, ['--runs', String(runs)], results)) {
  print()
  process.exit(0)
}

for (const residents of sizes) {
  await withDemoDatabase(residents, record, async () => {
    const { db } = await import('../lib/server/db')
    const { computeCounts } = await import('../lib/reports/figures')
    const { DEFAULT_REPORT_SETTINGS } = await import('../lib/reports/rules')
    const { latestEndedPeriod } = await import('../lib/periods/rules')
    const { todayIso } = await import('../lib/dates')

    const { existingRegionByCode } = await import('../lib/regions/lookups')
    const county = await existingRegionByCode(db, '371422000000')
    const township = await existingRegionByCode(db, '371422001000')
    const today = todayIso()
    const month = latestEndedPeriod('MONTHLY', today, DEFAULT_REPORT_SETTINGS)
    const half = latestEndedPeriod('HALF_YEAR', today, DEFAULT_REPORT_SETTINGS)
    const year = latestEndedPeriod('ANNUAL', today, DEFAULT_REPORT_SETTINGS)
    const countyScope = { level: 'COUNTY' as const, regionId: county.id, countyId: county.id }
    const townshipScope = { level: 'TOWNSHIP' as const, regionId: township.id, countyId: county.id }

    record(`monthly county report (${month.key}), live from the register`, residents, await repeat(() => computeCounts(db, countyScope, month)))
    record(`monthly township report (宁城街道 ${month.key})`, residents, await repeat(() => computeCounts(db, townshipScope, month)))
    record(`half-year county report (${half.key})`, residents, await repeat(() => computeCounts(db, countyScope, half)))
    record(`annual county report (${year.key})`, residents, await repeat(() => computeCounts(db, countyScope, year)))
    record(`annual township report (宁城街道 ${year.key})`, residents, await repeat(() => computeCounts(db, townshipScope, year)))
    const { timelinessOverview } = await import('../lib/reports/queries')
    record(`timeliness page (statistical year ${year.statYear})`, residents, await repeat(() => timelinessOverview(county.id, year.statYear, today)))
    await db.$disconnect()
  })
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
