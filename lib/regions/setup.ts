// County setup from the national division list: a county administrator types the county's code,
// sees what will be created, confirms, and the county's townships/streets and villages/communities
// are created in one transaction with one audit event. Only the administrator's own county, and
// only while it has no townships (corrections afterwards go through the CSV import or the forms).
import 'server-only'
import { audit } from '@/lib/server/audit'
import { db, type DbClient } from '@/lib/server/db'
import { AppError } from '@/lib/server/errors'
import type { ServiceContext } from '@/lib/server/context'
import type { MessageKey, MessageParams } from '@/lib/i18n/core'
import type { Subject } from '@/lib/access/permissions'
import { divisionCounty, divisionProvince, divisionSource } from './division'
import type { DivisionCountyEntry, DivisionSource } from './division-format'
import { countySetupOpen, parseCountyCode } from './rules'

export interface CountySetupPreview {
  county: { code: string; name: string; province: string; prefecture: string; currentName: string }
  townships: { code: string; name: string; villages: { code: string; name: string; officialName: string; urban: boolean }[] }[]
  counts: { townships: number; villages: number; urban: number; rural: number }
  source: DivisionSource
}

export interface CountySetupResult {
  countyId: number
  townships: number
  villages: number
}

const fieldError = (key: MessageKey, params?: MessageParams) => new AppError(key, params, { code: key })

/** The list's county for a typed code, or the reason it cannot be set up (as an AppError on the code field). */
function listCounty(code: string): DivisionCountyEntry {
  const parsed = parseCountyCode(code)
  if (!parsed.ok) throw fieldError(parsed.problem === 'format' ? 'regions.setup.errors.format' : 'regions.setup.errors.notCounty')
  const source = divisionSource()
  if (!divisionProvince(parsed.code6.slice(0, 2))) throw fieldError('regions.setup.errors.provinceNotShipped', { province: parsed.code6.slice(0, 2) })
  const county = divisionCounty(parsed.code6)
  if (!county) throw fieldError('regions.setup.errors.unknown', { code: parsed.code6, version: source?.version ?? '', date: source?.listDate ?? '' })
  return county
}

/** The subject's own county. */
async function ownCounty(client: DbClient, subject: Subject) {
  const county = await client.region.findUnique({
    where: { id: subject.regionId },
    select: { id: true, code: true, name: true, level: true, active: true, version: true, ancestorIds: true, _count: { select: { children: true } } },
  })
  if (!county || county.level !== 'COUNTY') throw new AppError('errors.forbidden')
  return county
}

/** Checks that `entry` may be set up into the subject's county; returns that county. */
async function checkTarget(client: DbClient, subject: Subject, entry: DivisionCountyEntry) {
  const county = await ownCounty(client, subject)
  if (county.code !== entry.code) {
    throw fieldError('regions.setup.errors.notYourCounty', {
      code: entry.code.slice(0, 6),
      name: entry.name,
      own: county.name,
      ownCode: county.code.slice(0, 6),
    })
  }
  if (!countySetupOpen({ level: county.level, id: county.id, childCount: county._count.children }, subject.regionId))
    throw fieldError('regions.setup.errors.alreadySetUp', { name: county.name, count: county._count.children })
  if (!county.active) throw fieldError('regions.errors.parentInactive')
  return county
}

function counts(entry: DivisionCountyEntry): CountySetupPreview['counts'] {
  const villages = entry.townships.flatMap((t) => t.villages)
  const urban = villages.filter((v) => v.urban).length
  return { townships: entry.townships.length, villages: villages.length, urban, rural: villages.length - urban }
}

/** What setting up `code` would create in the subject's county. Reads only; writes nothing. */
export async function previewCountySetup(ctx: ServiceContext, input: { code: string }): Promise<CountySetupPreview> {
  const entry = listCounty(input.code)
  const county = await checkTarget(db, ctx.subject, entry)
  return {
    county: { code: entry.code, name: entry.name, province: entry.province, prefecture: entry.prefecture, currentName: county.name },
    townships: entry.townships,
    counts: counts(entry),
    source: entry.source,
  }
}

/**
 * Creates the county's townships/streets and villages/communities from the list, in one
 * transaction with one audit event; the county takes the list's name. Any problem (a malformed or
 * unknown code, another county, a county already set up) writes nothing.
 */
export async function setupCounty(ctx: ServiceContext, input: { code: string }): Promise<CountySetupResult> {
  const entry = listCounty(input.code)
  return db.$transaction(
    async (tx) => {
      // One setup at a time per county: the second of two concurrent confirmations waits here and
      // then finds the townships the first created.
      await tx.$queryRaw`SELECT id FROM "Region" WHERE id = ${ctx.subject.regionId} FOR UPDATE`
      const county = await checkTarget(tx, ctx.subject, entry)
      const under = [...county.ancestorIds, county.id]
      const taken = await tx.region.findMany({
        where: { code: { in: [...entry.townships.map((t) => t.code), ...entry.townships.flatMap((t) => t.villages.map((v) => v.code))] } },
        select: { code: true },
      })
      if (taken.length > 0) throw fieldError('regions.setup.errors.codeTaken', { code: taken[0].code })

      await tx.region.createMany({
        data: entry.townships.map((t) => ({ code: t.code, name: t.name, level: 'TOWNSHIP' as const, parentId: county.id, ancestorIds: under })),
      })
      const townships = await tx.region.findMany({ where: { parentId: county.id }, select: { id: true, code: true } })
      const townshipId = new Map(townships.map((t) => [t.code, t.id]))
      await tx.region.createMany({
        data: entry.townships.flatMap((t) =>
          t.villages.map((v) => ({
            code: v.code,
            name: v.name,
            level: 'VILLAGE' as const,
            urban: v.urban,
            parentId: townshipId.get(t.code)!,
            ancestorIds: [...under, townshipId.get(t.code)!],
          })),
        ),
      })
      if (county.name !== entry.name) await tx.region.update({ where: { id: county.id }, data: { name: entry.name, version: { increment: 1 } } })
      const made = counts(entry)
      await audit(tx, ctx.actor, {
        action: 'region.setup',
        entity: 'Region',
        entityId: county.id,
        regionId: county.id,
        before: { name: county.name, townships: 0 },
        after: { code: entry.code, name: entry.name, townships: made.townships, villages: made.villages, source: { ...entry.source } },
      })
      return { countyId: county.id, townships: made.townships, villages: made.villages }
    },
    { timeout: 60_000 },
  )
}
