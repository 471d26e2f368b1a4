// Dashboard benchmarks: `npm run bench:dashboard [-- --residents 100000,1000000 --runs 10]`
// (node --conditions=react-server, so the server modules load as they do inside Next.js).
// For each size: a throwaway PostgreSQL with the demo county of that many residents; the closing
// job that fills the statistics store for the last 24 finished months (county and townships, timed
// once); then the server time of the county official's dashboard, a 24-month trend read from the
// store, a township leader's dashboard, and a 24-month trend computed live for comparison (fewer
// runs: it takes seconds). Prints p50/p95/max over the runs; nothing is asserted.
import { formatStats, recorder, runSizesInChildProcesses, stats, time, withDemoDatabase, type Results } from './bench-kit'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('residents', '100000').split(',').map(Number)
const runs = Number(arg('runs', '10'))

process.env.XZ_ID_KEY ??= Buffer.alloc(32, 9).toString('base64')
process.env.AUTH_SECRET ??= 'benchmark-secret-0123456789abcdefghij'

async function repeat(fn: () => Promise<unknown>, n = runs): Promise<string> {
  await fn() // warm once, as a page already visited would be
  const ms: number[] = []
  for (let i = 0; i < n; i++) ms.push((await time(fn))[0])
  return formatStats(stats(ms), 0)
}

const results: Results = {}
const record = recorder(results)

if (runSizesInChildProcesses(sizes, ['--runs', String(runs)], results)) {
  print()
  process.exit(0)
}

for (const residents of sizes) {
  await withDemoDatabase(residents, record, async () => {
    await import('../lib/modules')
    const { db } = await import('../lib/server/db')
    const { existingRegionByCode, townshipsOf } = await import('../lib/regions/lookups')
    const { todayIso } = await import('../lib/dates')
    const { closeMonths, monthFigures, liveMonth, monthsEndingWith, monthOf } = await import('../lib/dashboard/store')
    const { dashboardFor } = await import('../lib/dashboard/data')
    const { translator } = await import('../lib/i18n/core')
    const { addMonths } = await import('../lib/periods/rules')

    const county = await existingRegionByCode(db, '371422000000')
    const township = await existingRegionByCode(db, '371422001000')
    const today = todayIso()
    const last = addMonths(Number(today.slice(0, 4)), Number(today.slice(5, 7)), -1)
    const months = monthsEndingWith(monthOf(`${last.year}-${String(last.month).padStart(2, '0')}-01`), 24)
    const townships = await townshipsOf(db, county.id)

    const [closeMs, written] = await time(() =>
      closeMonths(
        db,
        county.id,
        townships.map((t) => t.id),
        months,
        today,
      ),
    )
    record('closing job: 24 months × (county + townships) into the store', residents, `${(closeMs / 1000).toFixed(1)} s (${written} rows)`)

    const t = translator('zh-CN')
    const userOf = async (username: string) => {
      const u = await db.user.findUniqueOrThrow({ where: { username } })
      const region = u.regionId === county.id ? county : township
      return {
        id: u.id,
        sessionId: 'bench',
        username: u.username,
        name: u.name,
        role: u.role,
        regionId: region.id,
        regionName: region.name,
        regionLevel: region.level,
        regionAncestorIds: region.ancestorIds,
        mustChangePassword: false,
      }
    }
    const official = await userOf('county.official')
    const leader = await userOf('ncjd.leader')
    const ctx = (u: typeof official) => ({ actor: { id: u.id, username: u.username, role: u.role, regionId: u.regionId, ip: '127.0.0.1' }, subject: u })
    const countyScope = { level: 'COUNTY' as const, regionId: county.id, countyId: county.id }

    record('county dashboard (county.official, last month)', residents, await repeat(() => dashboardFor(ctx(official), t, {}, today)))
    // its parts, to see where the time goes
    const { computeCoverage } = await import('../lib/services/coverage')
    const { timelinessOverview } = await import('../lib/reports/queries')
    const { rankings } = await import('../lib/assessment/queries')
    const lastMonth = months[months.length - 1]
    record(
      '  part: services coverage, county (live)',
      residents,
      await repeat(() => computeCoverage(db, countyScope, { start: `${lastMonth}-01`, end: `${lastMonth}-28` }), 3),
    )
    record('  part: report timeliness (county)', residents, await repeat(() => timelinessOverview(county.id, Number(lastMonth.slice(0, 4)), today), 3))
    record('  part: assessment rankings', residents, await repeat(() => rankings(official), 3))
    record(
      '  part: pyramid query (county)',
      residents,
      await repeat(
        () =>
          db.$queryRawUnsafe(
            `SELECT sex::text, EXTRACT(YEAR FROM age($1::date, "birthDate"))::int AS age, COUNT(*)::int FROM "Person" WHERE "countyId" = $2 AND "birthDate" <= $1::date AND residence <> 'INFLOW' AND NOT "movedOut" AND ((alive AND "deathDate" IS NULL) OR "deathDate" > $1::date) GROUP BY 1, 2`,
            `${lastMonth}-28`,
            county.id,
          ),
        3,
      ),
    )
    record('24-month trend from the store (county)', residents, await repeat(() => monthFigures(db, countyScope, months, today)))
    record('township dashboard (ncjd.leader, last month)', residents, await repeat(() => dashboardFor(ctx(leader), t, {}, today)))
    record(
      '24-month trend computed live (county; 2 runs)',
      residents,
      await repeat(async () => {
        for (const m of months) await liveMonth(db, countyScope, m)
      }, 2),
    )
    await db.$disconnect()
  })
}

if (process.argv.includes('--json')) console.log(JSON.stringify(results))
else print()

function print() {
  console.log(`\nDashboard benchmark (${runs} runs each after one warm-up; server-side time; a shared 2-core machine)\n`)
  for (const [label, bySize] of Object.entries(results)) {
    console.log(label)
    for (const size of sizes) console.log(`  ${String(size).padStart(8)} residents: ${bySize[size] ?? '—'}`)
  }
}
