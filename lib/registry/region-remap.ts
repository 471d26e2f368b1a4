import type { Tx } from '@/lib/server/db'
import { remapArrays, type RegionRemap } from '@/lib/regions/history-hooks'

/**
 * A region change ended villages: the register's rows follow their place to the new rows
 * (docs/decisions/0011-effective-dated-regions.md). People, households, life events and review
 * entries keep their place; only the ids that name it change. Reports of earlier periods map the
 * new ids back through the change's links, so their figures do not move.
 */
export async function remapRegisterRows(tx: Tx, remap: RegionRemap): Promise<void> {
  const a = remapArrays(remap)
  // township and village of every table that carries them
  for (const table of ['Household', 'Person', 'LifeEvent', 'RegisterChange']) {
    await tx.$executeRawUnsafe(
      `UPDATE "${table}" t SET "townshipId" = m.township, "villageId" = m.village_to
       FROM unnest($1::int[], $2::int[], $3::int[]) AS m(village_from, village_to, township)
       WHERE t."villageId" = m.village_from`,
      a.villageFrom,
      a.villageTo,
      a.township,
    )
  }
  for (const table of ['Household', 'Person']) {
    if (a.groupFrom.length > 0) {
      await tx.$executeRawUnsafe(
        `UPDATE "${table}" t SET "groupId" = m.group_to FROM unnest($1::int[], $2::int[]) AS m(group_from, group_to) WHERE t."groupId" = m.group_from`,
        a.groupFrom,
        a.groupTo,
      )
    }
    await tx.$executeRawUnsafe(
      `UPDATE "${table}" t SET "regionId" = m.region_to FROM unnest($1::int[], $2::int[]) AS m(region_from, region_to) WHERE t."regionId" = m.region_from`,
      a.regionFrom,
      a.regionTo,
    )
  }
  await tx.$executeRawUnsafe(
    `UPDATE "Person" t SET "hukouRegionId" = m.region_to FROM unnest($1::int[], $2::int[]) AS m(region_from, region_to) WHERE t."hukouRegionId" = m.region_from`,
    a.regionFrom,
    a.regionTo,
  )
}
