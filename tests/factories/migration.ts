// Migrant factories: inflow and outflow residents in a village, for tests and fixtures.
import type { DbClient } from '@/lib/server/db'
import { personInput } from './index'
import { makeHousehold } from './registry'
import type { MadeRegion } from './index'

/** A one-person household whose member is an inflow or outflow migrant. */
export async function makeMigrant(
  db: DbClient,
  village: Pick<MadeRegion, 'id' | 'level' | 'ancestorIds'>,
  input: { name: string; direction: 'INFLOW' | 'OUTFLOW'; place: string; since?: string; phone?: string },
) {
  const { members } = await makeHousehold(db, village, {
    address: `${input.name}住处`,
    members: [
      {
        ...personInput({
          name: input.name,
          residence: input.direction,
          migrationPlace: input.place,
          migrationSince: input.since ?? '2024-01-01',
          phone: input.phone,
        }),
        relation: 'SELF',
      },
    ],
  })
  return members[0]
}
