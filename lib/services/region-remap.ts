import type { Tx } from '@/lib/server/db'
import { remapArrays, type RegionRemap } from '@/lib/regions/history-hooks'

/**
 * Service records and special families follow their village to the new row a region change made
 * for it (decision 0011), like the register's rows, so the township's service staff still see them
 * and coverage counts them under the new township.
 */
export async function remapServiceRows(tx: Tx, remap: RegionRemap): Promise<void> {
  const a = remapArrays(remap)
  // stations: a village's room and its checks move with the village
  for (const table of ['ServiceRecord', 'SpecialFamily', 'ServiceStation', 'StationCheck']) {
    await tx.$executeRawUnsafe(
      `UPDATE "${table}" t SET "townshipId" = m.township, "villageId" = m.village_to
       FROM unnest($1::int[], $2::int[], $3::int[]) AS m(village_from, village_to, township)
       WHERE t."villageId" = m.village_from`,
      a.villageFrom,
      a.villageTo,
      a.township,
    )
  }
}
