// How long the data-quality sweep takes on a county of N residents:
//   XZ_DATA_DIR=.data-bench XZ_PG_PORT=54371 npx tsx scripts/bench-quality.ts 500000
// Builds the demo county in that (embedded) database once, adds synthetic households of three
// (head, spouse, child; most with ID numbers, about 0.1% of records broken), then sweeps the county
// twice: the first sweep opens the findings, the second finds nothing new.
import { createClient } from '../lib/db/client'
import { openDatabase } from '../lib/db/runtime'
import { migrate } from '../lib/db/roles'
import { buildDemoCounty, isEmptyDatabase } from '../prisma/seed/demo'
import { personColumns } from '../lib/registry/columns'
import { makeIdNumber } from '../lib/registry/idcard'
import { toIso } from '@/lib/dates'
import { sweepRegion } from '../lib/quality/sweep'
import { existingRegionByCode, regionsWithin } from '../lib/regions/lookups'

const target = Number(process.argv[2] ?? 100_000)
const database = await openDatabase()
process.env.XZ_ID_KEY = database.idKey
// The benchmark loads data in bulk: as the owner, like the demo load.
const db = createClient(database.migrateUrl)
const DAY = 86_400_000
const day = (base: string, n: number) => toIso(new Date(new Date(`${base}T00:00:00Z`).getTime() + n * DAY))

try {
  await migrate({ migrateUrl: database.migrateUrl, appUrl: database.url })
  if (await isEmptyDatabase(db)) await buildDemoCounty(db, { residents: 0 }) // the benchmark adds its own residents
  const county = await existingRegionByCode(db, '371422000000')
  const villages = await regionsWithin(db, county.id, { levels: ['VILLAGE'] })
  const perDate = new Map<string, number>()
  const idFor = (birthDate: string, sex: 'MALE' | 'FEMALE') => {
    const seq = perDate.get(birthDate) ?? 0
    perDate.set(birthDate, seq + 1)
    return makeIdNumber('371422', birthDate, seq, sex)
  }
  let have = await db.person.count({ where: { countyId: county.id } })
  const started = Date.now()
  let h = Math.floor(have / 3)
  while (have < target) {
    const batch = Array.from({ length: 2000 }, () => h++)
    const placed = batch.map((n) => {
      const v = villages[n % villages.length]
      return { countyId: v.ancestorIds[0], townshipId: v.ancestorIds[1], villageId: v.id, groupId: null, regionId: v.id }
    })
    const households = await db.household.createManyAndReturn({
      data: placed.map((p, i) => ({ ...p, address: `基准路 ${batch[i]} 号` })),
      select: { id: true },
    })
    const persons = households.flatMap((hh, i) => {
      const n = batch[i]
      const head = day('1940-01-01', n % 18000)
      const mother = day('1945-01-01', n % 18000)
      const child = day(mother, 22 * 365 + (n % 3000))
      const broken = n % 1000
      const base = { ethnicity: '01', residence: 'LOCAL' as const, maritalStatus: 'MARRIED' as const }
      return [
        {
          ...placed[i],
          householdId: hh.id,
          relation: 'SELF' as const,
          ...personColumns({ ...base, name: `王${n}`, sex: 'MALE', birthDate: head, idNumber: idFor(head, broken === 1 ? 'FEMALE' : 'MALE') }),
        },
        {
          ...placed[i],
          householdId: hh.id,
          relation: (broken === 2 ? 'SELF' : 'SPOUSE') as 'SELF',
          ...personColumns({ ...base, name: `李${n}`, sex: 'FEMALE', birthDate: mother, idNumber: idFor(mother, 'FEMALE') }),
        },
        {
          ...placed[i],
          householdId: hh.id,
          relation: 'CHILD' as const,
          ...personColumns({
            ...base,
            name: `王小${n}`,
            sex: 'MALE',
            birthDate: child,
            maritalStatus: 'SINGLE',
            idNumber: n % 3 === 0 ? undefined : idFor(child, 'MALE'),
          }),
          ...(broken === 3 ? { alive: false, deathDate: new Date(`${head}T00:00:00Z`) } : {}),
        },
      ]
    })
    await db.person.createMany({ data: persons })
    const ids = households.map((x) => x.id)
    await db.$executeRaw`UPDATE "Household" h SET "headId" = p.id FROM "Person" p WHERE p."householdId" = h.id AND p.relation = 'SELF' AND p.name LIKE '王%' AND h.id = ANY(${ids}::int[]) AND h.id % 997 <> 0`
    await db.$executeRaw`UPDATE "Person" c SET "motherId" = m.id, "birthOrder" = 1 FROM "Person" m WHERE m."householdId" = c."householdId" AND m.name LIKE '李%' AND c.relation = 'CHILD' AND c."householdId" = ANY(${ids}::int[])`
    have += persons.length
    if (h % 20000 < 2000) console.log(`${have} residents (${Math.round((Date.now() - started) / 1000)} s)`)
  }
  await db.$executeRaw`ANALYZE`
  const total = await db.person.count({ where: { countyId: county.id } })
  for (const pass of [1, 2]) {
    const result = await sweepRegion(db, { column: 'countyId', id: county.id }, async () => {})
    console.log(`sweep ${pass} of ${total} residents: ${JSON.stringify(result)}`)
  }
} finally {
  await db.$disconnect()
  await database.embedded?.stop()
}
