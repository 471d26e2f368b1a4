// Services benchmarks: `npm run bench:services [-- --residents 100000,1000000 --runs 20]`
// (node --conditions=react-server, so the server modules load as they do inside Next.js).
// For each size: a throwaway PostgreSQL with the demo county of that many residents, its service
// records topped up to about two per resident (bulk-inserted, like the demo's), then the
// server-side time of recording a service (the whole service call: checks, insert, audit), the
// county's and a township's coverage indicators for a month, and the county's monthly supplies
// ledger. Prints p50/p95/max over the runs; nothing is asserted — these are measurements. Targets
// (issue 11): recording p95 < 100 ms, county coverage < 1 s, township < 200 ms, ledger < 500 ms.
import { formatStats, recorder, runSizesInChildProcesses, stats, time, withDemoDatabase, type Results } from './bench-kit'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('residents', '1000000').split(',').map(Number)
const runs = Number(arg('runs', '20'))

process.env.XZ_ID_KEY ??= Buffer.alloc(32, 9).toString('base64')
process.env.AUTH_SECRET ??= 'benchmark-secret-0123456789abcdefghij'

const COLUMNS = [
  { name: 'countyId', type: 'int' },
  { name: 'townshipId', type: 'int' },
  { name: 'villageId', type: 'int' },
  { name: 'typeId', type: 'int' },
  { name: 'sensitive', type: 'bool' },
  { name: 'personId', type: 'int' },
  { name: 'servedOn', type: 'date' },
  { name: 'station', type: 'text' },
  { name: 'staffName', type: 'text' },
  { name: 'outcome', type: 'text' },
  { name: 'recordedById', type: 'int' },
] as const

const fmt = (s: ReturnType<typeof stats>) => formatStats(s, 0)
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
    const { bulkInsert } = await import('../lib/db/bulk')
    const { existingRegionByCode } = await import('../lib/regions/lookups')
    const { computeCoverage } = await import('../lib/services/coverage')
    const { recordService } = await import('../lib/services/service')
    const { recordServiceSchema } = await import('../lib/services/schemas')
    const { monthlyLedger } = await import('../lib/services/supplies/ledger')
    const { todayIso } = await import('../lib/dates')
    const { addDays } = await import('../lib/services/rules')
    const { seededRandom } = await import('../tests/factories/random')

    const county = await existingRegionByCode(db, '371422000000')
    const township = await existingRegionByCode(db, '371422101000')
    const village = await existingRegionByCode(db, '371422101202')
    const today = todayIso()
    const month = today.slice(0, 7)
    const period = { start: `${month}-01`, end: today }

    // top the service records up to about two per resident: non-sensitive visits over two years
    const existing = await db.serviceRecord.count()
    const want = residents * 2 - existing
    if (want > 0) {
      const random = seededRandom(7)
      const types = await db.serviceType.findMany({ where: { countyId: county.id, sensitive: false, target: 'PERSON' }, select: { id: true } })
      const people = await db.person.findMany({ where: { countyId: county.id }, select: { id: true, townshipId: true, villageId: true } })
      const admin = await db.user.findFirstOrThrow({ where: { username: 'admin' }, select: { id: true } })
      const [ms] = await time(async () => {
        for (let done = 0; done < want; done += 200_000) {
          const rows = Array.from({ length: Math.min(200_000, want - done) }, () => {
            const p = random.pick(people)
            return {
              countyId: county.id,
              townshipId: p.townshipId,
              villageId: p.villageId,
              typeId: random.pick(types).id,
              sensitive: false,
              personId: p.id,
              servedOn: addDays(today, -random.int(0, 729)),
              station: '服务室',
              staffName: '王红梅',
              outcome: '已完成',
              recordedById: admin.id,
            }
          })
          await bulkInsert(db, 'ServiceRecord', [...COLUMNS], rows)
        }
      })
      await db.$executeRawUnsafe('ANALYZE "ServiceRecord"')
      record('top up service records', residents, `${(ms / 1000).toFixed(1)} s (${existing} from the demo + ${want} = ${await db.serviceRecord.count()})`)
    }
    const movements = await db.supplyMovement.count()

    // recording a service: the village officer of 苇子湾村 records a home visit for one of its residents
    const officer = await db.user.findUniqueOrThrow({ where: { username: 'chd.v1' }, select: { id: true, username: true } })
    const subject = {
      id: officer.id,
      username: officer.username,
      role: 'VILLAGE_OFFICER' as const,
      regionId: village.id,
      regionLevel: 'VILLAGE' as const,
      ip: '127.0.0.1',
    }
    const type = await db.serviceType.findFirstOrThrow({ where: { countyId: county.id, code: 'FAMILY_DOCTOR' }, select: { id: true } })
    const residentsThere = await db.person.findMany({ where: { villageId: village.id, alive: true }, select: { id: true }, take: 500 })
    const ms: number[] = []
    for (let i = 0; i <= runs; i++) {
      const input = recordServiceSchema.parse({
        personId: String(residentsThere[i % residentsThere.length].id),
        typeId: String(type.id),
        servedOn: today,
        station: '苇子湾村服务室',
        staffName: '王红梅',
        outcome: '签约随访',
      })
      const [took] = await time(() => recordService({ actor: subject, subject }, input, today))
      if (i > 0) ms.push(took) // the first call warms the pool and the caches
    }
    record('record a service (p95 target < 100 ms)', residents, fmt(stats(ms)))

    const repeat = async (fn: () => Promise<unknown>) => {
      await fn()
      const out: number[] = []
      for (let i = 0; i < Math.min(runs, 10); i++) out.push((await time(fn))[0])
      return fmt(stats(out))
    }
    record(
      `county coverage indicators, month ${month} (target < 1 s)`,
      residents,
      await repeat(() => computeCoverage(db, { level: 'COUNTY', regionId: county.id, countyId: county.id }, period)),
    )
    record(
      `township coverage indicators, 柴胡店镇 ${month} (target < 200 ms)`,
      residents,
      await repeat(() => computeCoverage(db, { level: 'TOWNSHIP', regionId: township.id, countyId: county.id }, period)),
    )
    record(
      `county monthly supplies ledger ${month}, ${movements} movements (target < 500 ms)`,
      residents,
      await repeat(() => monthlyLedger(db, county.id, { kind: 'COUNTY', id: county.id }, month)),
    )
    await db.$disconnect()
  })
}

if (process.argv.includes('--json')) console.log(JSON.stringify(results))
else print()

function print() {
  console.log(`\nServices benchmark (server-side time; ${runs} service recordings, coverage and ledger ${Math.min(runs, 10)} runs after one warm-up)\n`)
  for (const [label, bySize] of Object.entries(results)) {
    console.log(label)
    for (const size of sizes) console.log(`  ${String(size).padStart(8)} residents: ${bySize[size] ?? '—'}`)
  }
}
