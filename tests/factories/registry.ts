// Register factories, shared by tests, the end-to-end fixture and the demo generator.
import type { DbClient } from '@/lib/server/db'
import { insertHouseholdsWithPeople, reserveIds } from '@/lib/registry/bulk'
import { personColumns } from '@/lib/registry/columns'
import { placementOf, type Relation } from '@/lib/registry/rules'
import type { PersonInput } from '@/lib/registry/schemas'
import type { MadeRegion } from './index'

export interface MemberSpec extends PersonInput {
  relation: Relation
}

/**
 * A household in a village or group with its members, written by the register's bulk writer like
 * the import and the demo (without the after-write check: tests also make records the check would
 * flag); the member marked SELF becomes the head. Members come back in the order given.
 */
export async function makeHousehold(db: DbClient, region: Pick<MadeRegion, 'id' | 'level' | 'ancestorIds'>, input: { address: string; members: MemberSpec[] }) {
  const place = placementOf(region)
  if (!place) throw new Error('a household needs a village or a group')
  const [householdId] = await reserveIds(db, 'Household', 1)
  const ids = await reserveIds(db, 'Person', input.members.length)
  await insertHouseholdsWithPeople(
    db,
    {
      households: [{ id: householdId, ...place, address: input.address }],
      persons: input.members.map(({ relation, ...person }, i) => ({ ...place, ...personColumns(person), id: ids[i], householdId, relation })),
    },
    { afterWrite: false },
  )
  const household = await db.household.findUniqueOrThrow({ where: { id: householdId } })
  const members = await db.person.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } })
  return { household, members }
}
