// Register benchmarks: `npm run bench:register [-- --residents 100000,500000 --queries 200]`
// (node --conditions=react-server, so the server modules load as they do inside Next.js).
// For each size: a throwaway PostgreSQL, the demo county with that many residents, then server-side
// timings of the register's reads and writes, as a county official (the widest scope) and a
// township clerk. Prints a table; nothing is asserted — these are measurements.
import { formatStats, recorder, runSizesInChildProcesses, stats, time, withDemoDatabase, type Results } from './bench-kit'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('residents', '100000,500000').split(',').map(Number)
const queries = Number(arg('queries', '200'))

process.env.XZ_ID_KEY ??= Buffer.alloc(32, 9).toString('base64')
process.env.AUTH_SECRET ??= 'benchmark-secret-0123456789abcdefghij'

const fmt = (s: ReturnType<typeof stats>) => formatStats(s, 1)
const results: Results = {}
const record = recorder(results)

if (runSizesInChildProcesses(sizes, ['--queries', String(queries)], results)) {
  print()
  process.exit(0)
}

for (const residents of sizes) {
  await withDemoDatabase(residents, record, async () => {
    const { db } = await import('../lib/server/db')
    const { searchPersons, getPerson, getHousehold } = await import('../lib/registry/queries')
    const { recordEvent } = await import('../lib/registry/service')
    await import('../lib/modules')
    const { decryptIdNumber } = await import('../lib/registry/crypto')
    const { todayIso } = await import('../lib/dates')

    const { existingRegionByCode } = await import('../lib/regions/lookups')
    const county = await existingRegionByCode(db, '371422000000')
    const township = await existingRegionByCode(db, '371422001000')
    const admin = await db.user.findFirstOrThrow({ where: { username: 'admin' } })
    const official = { id: admin.id, role: 'COUNTY_OFFICIAL' as const, regionId: county.id, regionLevel: 'COUNTY' as const, username: 'bench', ip: null }
    const clerk = { ...official, role: 'TOWNSHIP_STAFF' as const, regionId: township.id, regionLevel: 'TOWNSHIP' as const }

    // A reproducible random sample (raw SQL returns bytea differently, so rows come through Prisma).
    const ids = await db.$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM "Person" WHERE "idCipher" IS NOT NULL AND alive AND NOT "movedOut" ORDER BY md5(id::text) LIMIT ${queries}`,
    )
    const sample = await db.person.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      select: { id: true, name: true, namePinyin: true, nameInitials: true, idCipher: true, householdId: true },
    })
    const kinds: [string, (p: (typeof sample)[number]) => string][] = [
      ['search: full name', (p) => p.name],
      ['search: pinyin', (p) => p.namePinyin],
      ['search: initials', (p) => p.nameInitials],
      ['search: ID number', (p) => decryptIdNumber(p.idCipher!)],
      ['search: ID last 4', (p) => decryptIdNumber(p.idCipher!).slice(-4)],
    ]
    for (const [label, term] of kinds) {
      for (const [who, subject] of [
        ['county', official],
        ['township', clerk],
      ] as const) {
        const ms: number[] = []
        for (const p of sample) ms.push((await time(() => searchPersons(subject, { q: term(p), alive: 'yes', page: 1 })))[0])
        record(`${label} (${who})`, residents, fmt(stats(ms)))
      }
    }
    const personMs: number[] = []
    const householdMs: number[] = []
    for (const p of sample) {
      personMs.push((await time(() => getPerson(official, p.id)))[0])
      if (p.householdId) householdMs.push((await time(() => getHousehold(official, p.householdId!)))[0])
    }
    record('person page queries', residents, fmt(stats(personMs)))
    record('household page queries', residents, fmt(stats(householdMs)))

    const mothers = await db.person.findMany({
      where: {
        sex: 'FEMALE',
        alive: true,
        movedOut: false,
        householdId: { not: null },
        birthDate: { gte: new Date('1982-01-01'), lte: new Date('2004-01-01') },
      },
      take: 50,
      select: { id: true, version: true },
    })
    const birthMs: number[] = []
    for (const [i, m] of mothers.entries()) {
      const [ms] = await time(() =>
        recordEvent(
          { actor: { ...official, role: 'TOWNSHIP_STAFF' }, subject: official },
          {
            type: 'BIRTH',
            motherId: m.id,
            version: m.version,
            occurredOn: todayIso(),
            name: `测试${i}`,
            sex: 'FEMALE',
          },
        ),
      )
      birthMs.push(ms)
    }
    record('record a birth', residents, fmt(stats(birthMs)))

    const { sweepRegion } = await import('../lib/quality/sweep')
    const [sweepMs, swept] = await time(() => sweepRegion(db, { column: 'countyId', id: county.id }, async () => {}))
    record('quality sweep (county, second run)', residents, `${(sweepMs / 1000).toFixed(1)} s (${swept.detected} problems)`)
    await db.$disconnect()
  })
}

if (process.argv.includes('--json')) console.log(JSON.stringify(results))
else print()
process.exit(0)

function print() {
  console.log(`\nRegister benchmark (${queries} queries per search kind; server-side time of the queries a page runs)\n`)
  for (const [label, bySize] of Object.entries(results)) {
    console.log(label)
    for (const size of sizes) console.log(`  ${String(size).padStart(8)} residents: ${bySize[size] ?? '—'}`)
  }
}
