import type { Tx } from '@/lib/server/db'
import { remapArrays, type RegionRemap } from '@/lib/regions/history-hooks'

/** Findings follow their record's village to the new row a region change made for it (decision 0011). */
export async function remapFindings(tx: Tx, remap: RegionRemap): Promise<void> {
  const a = remapArrays(remap)
  await tx.$executeRawUnsafe(
    `UPDATE "QualityFinding" t SET "townshipId" = m.township, "villageId" = m.village_to
     FROM unnest($1::int[], $2::int[], $3::int[]) AS m(village_from, village_to, township)
     WHERE t."villageId" = m.village_from`,
    a.villageFrom,
    a.villageTo,
    a.township,
  )
}
