// The statistics store's closing job: `npm run stats:close [-- --months 24]`. Stores every
// finished month of the last N (24 by default) that is missing or stale, for every county and its
// townships (lib/dashboard/store.ts). The dashboards do the same for a month the first time it is
// needed; run this after loading a large county, or nightly from cron, so no reader waits for it.
import '../lib/modules'
import { db } from '../lib/server/db'
import { listCounties, townshipsOf } from '../lib/regions/lookups'
import { todayIso } from '../lib/dates'
import { addMonths } from '../lib/periods/rules'
import { closeMonths, monthsEndingWith } from '../lib/dashboard/store'

const i = process.argv.indexOf('--months')
const count = i > 0 ? Number(process.argv[i + 1]) : 24
const today = todayIso()
const last = addMonths(Number(today.slice(0, 4)), Number(today.slice(5, 7)), -1)
const months = monthsEndingWith(`${last.year}-${String(last.month).padStart(2, '0')}`, count)
for (const county of await listCounties(db, { activeOnly: true })) {
  const townships = await townshipsOf(db, county.id)
  const started = Date.now()
  const written = await closeMonths(
    db,
    county.id,
    townships.map((t) => t.id),
    months,
    today,
  )
  console.log(`${county.name}: ${written} month rows stored in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
await db.$disconnect()
