import type { DbClient } from '@/lib/server/db'

// Reads the assessment's sample verification (抽样核查) needs from the register: the households of
// a township to draw from, and what an inspector checks on site about the drawn ones. Not
// server-only: the demo generator draws its sample with the same functions.

/** Every household of a township with its village (the strata of the sample). */
export function householdsOfTownship(client: DbClient, townshipId: number): Promise<{ id: number; villageId: number }[]> {
  return client.household.findMany({ where: { townshipId }, select: { id: true, villageId: true }, orderBy: { id: 'asc' } })
}

export interface SampleHouseholdFacts {
  id: number
  address: string
  headName: string | null
  members: number
}

/** The address, head and number of members of some households of a township (others are left out). */
export async function sampleHouseholdFacts(client: DbClient, townshipId: number, ids: readonly number[]): Promise<Map<number, SampleHouseholdFacts>> {
  if (ids.length === 0) return new Map()
  const rows = await client.household.findMany({
    where: { townshipId, id: { in: [...ids] } },
    select: { id: true, address: true, head: { select: { name: true } }, _count: { select: { members: true } } },
  })
  return new Map(rows.map((r) => [r.id, { id: r.id, address: r.address, headName: r.head?.name ?? null, members: r._count.members }]))
}
