// Register factories, shared by tests, the end-to-end fixture and the demo generator.
import type { PrismaClient } from '@/lib/generated/prisma/client'
import { personColumns } from '@/lib/registry/columns'
import { placementOf, type Relation } from '@/lib/registry/rules'
import type { PersonInput } from '@/lib/registry/schemas'
import type { MadeRegion } from './index'

type Client = Pick<PrismaClient, 'household' | 'person'>

export interface MemberSpec extends PersonInput {
  relation: Relation
}

/** A household in a village or group with its members; the member marked SELF becomes the head. */
export async function makeHousehold(db: Client, region: Pick<MadeRegion, 'id' | 'level' | 'ancestorIds'>, input: { address: string; members: MemberSpec[] }) {
  const place = placementOf(region)
  if (!place) throw new Error('a household needs a village or a group')
  const household = await db.household.create({ data: { ...place, address: input.address } })
  const members = []
  for (const { relation, ...person } of input.members) {
    members.push(await db.person.create({ data: { ...place, ...personColumns(person), householdId: household.id, relation } }))
  }
  const head = members.find((_, i) => input.members[i].relation === 'SELF')
  if (head) await db.household.update({ where: { id: household.id }, data: { headId: head.id } })
  return { household, members }
}
