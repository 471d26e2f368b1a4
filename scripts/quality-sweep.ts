// The nightly data-quality sweep: `npx tsx scripts/quality-sweep.ts [county code]` checks every
// county (or the one given by its 12-digit code) against the rules, opening and closing findings,
// with one audit event per county. Uses the configured database like the other scripts.
import { createClient } from '../lib/db/client'
import { openDatabase } from '../lib/db/runtime'
import { sweepRegion } from '../lib/quality/sweep'
import { listCounties } from '../lib/regions/lookups'

const code = process.argv[2]
const database = await openDatabase()
// ID numbers are decrypted to compare them with sex and birth date: the app's key.
process.env.XZ_ID_KEY = database.idKey
const db = createClient(database.url)
try {
  const list = await listCounties(db, { activeOnly: true, code })
  if (code && list.length === 0) {
    console.error(`No active county with code ${code}.`)
    process.exitCode = 1
  }
  for (const county of list) {
    const result = await sweepRegion(db, { column: 'countyId', id: county.id }, async (tx, counts) => {
      await tx.auditEvent.create({
        data: {
          actorId: null,
          actorName: 'quality-sweep',
          action: 'quality.sweep',
          entity: 'Region',
          entityId: String(county.id),
          regionId: county.id,
          after: { ...counts, nightly: true },
        },
      })
    })
    console.log(
      `${county.code} ${county.name}: ${result.detected} problems, ${result.opened} new, ${result.reopened} reopened, ${result.fixed} fixed (${result.ms} ms)`,
    )
  }
} finally {
  await db.$disconnect()
  await database.embedded?.stop()
}
