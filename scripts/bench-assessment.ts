// Assessment benchmark: `npm run bench:assessment [-- --residents 20000,100000 --runs 10]`
// (node --conditions=react-server, so the server modules load as they do inside Next.js).
// For each size: a throwaway PostgreSQL with the demo county of that many residents, 18 more
// townships (30 in all; the added ones have no residents), and a 30-indicator scheme: six groups
// of five, each group with one indicator from every module source (report on-time rate,
// registration timeliness, late registrations, open findings per 1,000, findings closed within
// 30 days — each source computed once per run) and the rest entered by hand. Then the time of a
// county run (gathering and freezing the inputs, scoring, storing 30 results), and of the reads
// behind the rankings page and a "why" page, which read the stored run. Nothing is asserted.
import { formatStats, recorder, runSizesInChildProcesses, stats, time, withDemoDatabase, type Results } from './bench-kit'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('residents', '20000').split(',').map(Number)
const runs = Number(arg('runs', '10'))

process.env.XZ_ID_KEY ??= Buffer.alloc(32, 9).toString('base64')
process.env.AUTH_SECRET ??= 'benchmark-secret-0123456789abcdefghij'

const fmt = (s: ReturnType<typeof stats>) => formatStats(s, 0)
const results: Results = {}
const record = recorder(results)

async function repeat(fn: () => Promise<unknown>, n = runs): Promise<string> {
  await fn()
  const ms: number[] = []
  for (let i = 0; i < n; i++) ms.push((await time(fn))[0])
  return fmt(stats(ms))
}

const SOURCES = ['reports.onTimeRate', 'reports.registrationTimeliness', 'reports.lateRegistrations', 'quality.openPer1000', 'quality.closedWithin30']

/** Six groups of five indicators: 30 in all, 1,000 points. */
function benchScheme() {
  const nodes: Record<string, unknown>[] = []
  for (let g = 1; g <= 6; g++) {
    const max = g <= 4 ? 170 : 160
    nodes.push({ code: `g${g}`, name: `第${g}组`, parent: null, maxPoints: max, combine: g % 2 ? 'sum' : 'normalise' })
    for (let i = 1; i <= 5; i++) {
      const code = `g${g}i${i}`
      const points = max / 5
      if (i === 1) {
        const source = SOURCES[(g - 1) % SOURCES.length]
        const lower = source === 'reports.lateRegistrations' || source === 'quality.openPer1000'
        nodes.push({
          code,
          name: `指标${code}`,
          parent: `g${g}`,
          maxPoints: points,
          method: { kind: 'proportional', better: lower ? 'lower' : 'higher' },
          source,
        })
      } else if (i === 2)
        nodes.push({ code, name: `指标${code}`, parent: `g${g}`, maxPoints: points, method: { kind: 'deduction', target: 100, perUnit: 1 }, source: 'manual' })
      else if (i === 3)
        nodes.push({
          code,
          name: `指标${code}`,
          parent: `g${g}`,
          maxPoints: points,
          method: { kind: 'threshold', target: 80, partial: 'proportional' },
          source: 'manual',
        })
      else nodes.push({ code, name: `指标${code}`, parent: `g${g}`, maxPoints: points, method: { kind: 'manual' }, source: 'manual' })
    }
  }
  return {
    format: 'xiangzhen.assessment-scheme/1',
    key: 'bench-30',
    name: '30 项指标基准方案',
    maxPoints: 1000,
    veto: { effect: 'dropPlaces', places: 2 },
    nodes,
  }
}

if (runSizesInChildProcesses(sizes, ['--runs', String(runs)], results)) {
  print()
  process.exit(0)
}

for (const residents of sizes) {
  await withDemoDatabase(residents, record, async () => {
    const { db } = await import('../lib/server/db')
    const { parseSchemeFile } = await import('../lib/assessment/format')
    const { isKnownSource } = await import('../lib/assessment/sources')
    const { insertScheme, makeRun, publishRun } = await import('../lib/assessment/engine')
    const { rankings, whyOf } = await import('../lib/assessment/queries')
    const { todayIso } = await import('../lib/dates')
    const { statYearOf } = await import('../lib/periods/rules')
    const { DEFAULT_REPORT_SETTINGS } = await import('../lib/reports/rules')

    const { existingRegionByCode, townshipsOf } = await import('../lib/regions/lookups')
    const { createRegion } = await import('../lib/regions/service')
    const county = await existingRegionByCode(db, '371422000000')
    const admin = await db.user.findFirstOrThrow({ where: { role: 'ADMIN', regionId: county.id } })
    const ctx = { actor: { ...admin, ip: null }, subject: { ...admin, regionLevel: 'COUNTY' as const } }
    for (let n = 0; n < 18; n++) {
      await createRegion(ctx, { parentId: county.id, code: `371422${300 + n}000`, name: `基准乡${n + 1}` })
    }
    const townships = await townshipsOf(db, county.id)
    const official = await db.user.findFirstOrThrow({ where: { role: 'COUNTY_OFFICIAL', regionId: county.id } })
    const parsed = parseSchemeFile(JSON.stringify(benchScheme()), isKnownSource)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    const scheme = await db.$transaction((tx) => insertScheme(tx, county.id, parsed.scheme, official.id))
    const today = todayIso()
    const statYear = statYearOf(today, DEFAULT_REPORT_SETTINGS)
    const manual = parsed.scheme.nodes.filter((n) => n.method && n.source === 'manual')
    await db.assessmentValue.createMany({
      data: townships.flatMap((t, ti) =>
        manual.map((n, ni) => ({
          countyId: county.id,
          schemeKey: 'bench-30',
          indicatorCode: n.code,
          periodKey: String(statYear),
          townshipId: t.id,
          value: 20 + ((ti * 7 + ni * 3) % 80),
          enteredById: official.id,
        })),
      ),
    })
    record(`townships / indicators`, residents, `${townships.length} / ${parsed.scheme.nodes.filter((n) => n.method).length}`)

    // where a run's time goes: each module source once (the run computes each once)
    const { indicatorSource } = await import('../lib/assessment/sources')
    const { statYearPeriod } = await import('../lib/reports/indicators')
    const period = await statYearPeriod(db, county.id, statYear)
    for (const key of SOURCES) {
      record(`  source ${key}`, residents, await repeat(() => indicatorSource(key)!.compute(db, { countyId: county.id, period, today }), Math.min(runs, 3)))
    }

    let runId = 0
    const run = () =>
      db.$transaction(async (tx) => {
        runId = await makeRun(tx, { countyId: county.id, schemeId: scheme.id, statYear, title: '基准考核', createdById: official.id, today })
      })
    record('county run: gather and freeze inputs, score, store', residents, await repeat(run, Math.min(runs, 5)))
    await db.$transaction((tx) => publishRun(tx, runId, official.id))
    const viewer = { id: official.id, role: 'COUNTY_OFFICIAL' as const, regionId: county.id, regionLevel: 'COUNTY' as const, regionAncestorIds: [] as number[] }
    record('rankings page read (latest published run, movement, history)', residents, await repeat(() => rankings(viewer, 'bench-30')))
    record('"why" page read (one township of the run)', residents, await repeat(() => whyOf(viewer, runId, townships[0].id)))
    await db.$disconnect()
  })
}

if (process.argv.includes('--json')) console.log(JSON.stringify(results))
else print()

function print() {
  console.log(`\nAssessment benchmark (${runs} runs each after one warm-up, runs of the scheme 5 at most; server-side time, ms)\n`)
  for (const [label, bySize] of Object.entries(results)) {
    console.log(label)
    for (const size of sizes) console.log(`  ${String(size).padStart(8)} residents: ${bySize[size] ?? '—'}`)
  }
}
