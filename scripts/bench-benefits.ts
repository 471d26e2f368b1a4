// Benefits benchmark: `npm run bench:benefits [-- --residents 100000,1000000 --runs 5]`
// (node --conditions=react-server, so the server modules load as they do inside Next.js).
// For each size: a throwaway PostgreSQL with the demo county of that many residents (its benefit
// programs and applications included), then the time of the eligibility scan behind the outreach
// list (应享未享) of each program over the whole county, as the county sees it: one set-based
// statement over the register plus the rules on its rows (target < 10 s at 1,000,000). Nothing is asserted.
import { formatStats, recorder, runSizesInChildProcesses, stats, time, withDemoDatabase, type Results } from './bench-kit'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('residents', '20000').split(',').map(Number)
const runs = Number(arg('runs', '5'))

process.env.XZ_ID_KEY ??= Buffer.alloc(32, 9).toString('base64')
process.env.AUTH_SECRET ??= 'benchmark-secret-0123456789abcdefghij'

const results: Results = {}
const record = recorder(results)

if (!runSizesInChildProcesses(sizes, ['--runs', String(runs)], results)) {
  const residents = sizes[0]
  await withDemoDatabase(residents, record, async () => {
    const { db } = await import('../lib/server/db')
    const { outreach } = await import('../lib/benefits/queries')
    const county = await db.user.findUniqueOrThrow({ where: { username: 'county.official' }, select: { id: true, regionId: true } })
    const subject = { id: county.id, role: 'COUNTY_OFFICIAL' as const, regionId: county.regionId, regionLevel: 'COUNTY' as const }
    const year = new Date().getUTCFullYear()
    for (const program of await db.benefitProgram.findMany({ select: { id: true, code: true }, orderBy: { code: 'asc' } })) {
      let found = 0
      const ms: number[] = []
      for (let i = 0; i <= runs; i++) {
        const [t, r] = await time(() => outreach(subject, program.id, year))
        found = r?.total ?? 0
        if (i > 0) ms.push(t)
      }
      record(`outreach scan ${program.code}`, residents, `${formatStats(stats(ms), 0)} (${found} people)`)
    }
    await db.$disconnect()
  })
}

if (process.argv.includes('--json')) console.log(JSON.stringify(results))
else
  for (const [label, bySize] of Object.entries(results)) {
    console.log(label)
    for (const [size, value] of Object.entries(bySize)) console.log(`  ${size.padStart(8)}  ${value}`)
  }
