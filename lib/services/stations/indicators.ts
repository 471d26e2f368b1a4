import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import { residentsByTownship } from '@/lib/registry/cohorts'
import { placesPerThousand, tallyStandard, type StandardTally } from './rules'

// The stations' and childcare figures per township of a county on a day: for the coverage page and
// as assessment indicator sources (lib/modules.ts). Not server-only: the demo generator and the
// assessment runs compute them with their own client.

type Client = PrismaClient | Tx

/**
 * Stations and rooms (active ones) that met the standard on `at`: each by its latest check on or
 * before that day (rules.latestCheck's order: the latest date, then the last recorded), never
 * checked counting as not meeting it.
 */
export async function standardByTownshipOn(client: Client, countyId: number, at: string): Promise<Map<number, StandardTally>> {
  const rows = await client.$queryRawUnsafe<{ townshipId: number; meets: boolean | null }[]>(
    `SELECT s."townshipId", c."meetsStandard" AS meets
     FROM "ServiceStation" s
     LEFT JOIN LATERAL (
       SELECT "meetsStandard" FROM "StationCheck" k
       WHERE k."stationId" = s.id AND k."checkedOn" <= $2::date
       ORDER BY k."checkedOn" DESC, k.id DESC LIMIT 1
     ) c ON true
     WHERE s."countyId" = $1 AND s.active`,
    countyId,
    at,
  )
  const by = new Map<number, (boolean | null)[]>()
  for (const r of rows) by.set(r.townshipId, [...(by.get(r.townshipId) ?? []), r.meets])
  return new Map([...by].map(([id, verdicts]) => [id, tallyStandard(verdicts)]))
}

export interface PlacesFigure {
  places: number
  residents: number
  perThousand: number | null
}

/** 千人口拥有3岁以下婴幼儿托位数 per township: active institutions' places ÷ (residents on `at` ÷ 1,000). */
export async function placesByTownshipOn(client: Client, countyId: number, at: string): Promise<Map<number, PlacesFigure>> {
  const [institutions, residents] = await Promise.all([
    client.childcareInstitution.groupBy({ by: ['townshipId'], where: { countyId, active: true }, _sum: { places: true } }),
    residentsByTownship(client, { column: 'countyId', id: countyId }, at),
  ])
  const places = new Map(institutions.map((i) => [i.townshipId, i._sum.places ?? 0]))
  const out = new Map<number, PlacesFigure>()
  for (const id of new Set([...places.keys(), ...residents.keys()])) {
    const p = places.get(id) ?? 0
    const r = residents.get(id) ?? 0
    out.set(id, { places: p, residents: r, perThousand: placesPerThousand(p, r) })
  }
  return out
}
