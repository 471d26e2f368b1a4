import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'
import { db, type DbClient, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import { AppError } from '@/lib/server/errors'
import type { ServiceContext } from '@/lib/server/context'
import { can, regionScope, type Subject } from '@/lib/access/permissions'
import type { RegionLevel } from '@/lib/access/roles'
import type { MessageKey, MessageParams } from '@/lib/i18n/core'
import { toDate, todayIso, toIso } from '@/lib/dates'
import { dateProblem, nameOn, newCodeProblem, rebasedCode, treeOn, unassigned, type ChangeProblem, type ChangeRegion } from './history-rules'
import { remapRegionRows, type RegionRemap } from './history-hooks'
import { renamesOf, validOnWhere } from './history-map'
import type { RegionChangeInput } from './history-schemas'

// Recording region changes (docs/decisions/0011-effective-dated-regions.md): a split, a merger, a
// rename, a village moved. One function plans the change (every check, the rows it would create)
// and, when asked to commit, writes it in the same transaction: new rows, links, ended rows, the
// register's rows following their villages (hooks), and the audit event.

export interface PlannedRegion {
  code: string
  name: string
  level: RegionLevel
  parentCode: string
  /** the row it takes the place of (villages and groups), by name */
  fromName: string | null
}

export interface ChangePreview {
  kind: RegionChangeInput['kind']
  effectiveOn: string
  documentNo: string
  documentTitle: string
  ended: { id: number; code: string; name: string; level: RegionLevel }[]
  created: PlannedRegion[]
  renamed: { from: string; to: string } | null
  groups: number
  households: number
  people: number
  /** active users of the regions that end: the administrator reassigns them */
  users: { username: string; name: string; region: string }[]
}

export interface ChangeResult {
  preview: ChangePreview
  changeId: number | null
}

function refuse(problem: ChangeProblem): never {
  const { key, ...params } = problem
  throw new AppError(`regionHistory.errors.${key}` as MessageKey, params as MessageParams)
}

const regionSelect = {
  id: true,
  code: true,
  name: true,
  level: true,
  parentId: true,
  active: true,
  validFrom: true,
  validTo: true,
  ancestorIds: true,
} as const
type Row = Prisma.RegionGetPayload<{ select: typeof regionSelect }>

/** The county of a county administrator; anyone else is refused. */
async function countyOf(ctx: ServiceContext): Promise<Row> {
  if (!can(ctx.subject, 'region.change')) {
    await auditDenied(ctx.actor, 'region.change')
    throw new AppError('regionHistory.errors.county')
  }
  return db.region.findUniqueOrThrow({ where: { id: ctx.subject.regionId }, select: regionSelect })
}

/**
 * Plans (and with `commit`, records) a region change. Every check runs before anything is
 * written; a refused change writes nothing. The involved townships are locked first, so register
 * writes in them wait for the change (as approval does, decision 0004).
 */
export async function recordRegionChange(ctx: ServiceContext, input: RegionChangeInput, commit: boolean, today = todayIso()): Promise<ChangeResult> {
  const county = await countyOf(ctx)
  return db.$transaction(
    async (tx) => {
      const plan = await planChange(tx, ctx, county, input, today)
      if (!commit) return { preview: plan.preview, changeId: null }
      const changeId = await applyChange(tx, ctx, county, input, plan)
      return { preview: plan.preview, changeId }
    },
    { timeout: 120_000 },
  )
}

interface Plan {
  preview: ChangePreview
  /** rows to end (townships, villages, groups) */
  endIds: number[]
  townships: { key: string; code: string; name: string }[]
  /** each moving village and the township it goes to: a new township's key, or an existing id */
  villages: { row: Row; to: string | number; code: string; groups: { row: Row; code: string }[] }[]
  /** township links: old → new key (split, merger) */
  townshipLinks: { from: number; to: string }[]
  rename: { row: Row; name: string } | null
}

async function loadInCounty(tx: Tx, ctx: ServiceContext, county: Row, ids: number[]): Promise<Row[]> {
  const rows = await tx.region.findMany({ where: { id: { in: ids }, ...regionScope(ctx.subject) }, select: regionSelect })
  if (rows.length !== new Set(ids).size || rows.some((r) => r.id === county.id)) {
    // a region outside the county looks missing, and the attempt is audited (outside the transaction)
    const outside = await db.region.findMany({ where: { id: { in: ids.filter((id) => !rows.some((r) => r.id === id)) } }, select: { id: true } })
    if (outside.length > 0) await auditDenied(ctx.actor, 'region.change', { regionIds: outside.map((r) => r.id) })
    refuse({ key: 'unknownRegion' })
  }
  // locks the rows: a concurrent change of the same regions waits, then finds them ended
  await tx.$queryRaw`SELECT id FROM "Region" WHERE id = ANY(${ids}::int[]) ORDER BY id FOR UPDATE`
  return rows
}

async function asChangeRegions(tx: Tx, rows: Row[]): Promise<ChangeRegion[]> {
  const renames = await tx.regionChange.groupBy({
    by: ['regionId'],
    where: { kind: 'RENAME', regionId: { in: rows.map((r) => r.id) } },
    _max: { effectiveOn: true },
  })
  const last = new Map(renames.map((r) => [r.regionId, r._max.effectiveOn]))
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    parentId: r.parentId,
    active: r.active,
    validFrom: r.validFrom ? toIso(r.validFrom) : null,
    validTo: r.validTo ? toIso(r.validTo) : null,
    lastRenameOn: last.get(r.id) ? toIso(last.get(r.id)!) : null,
  }))
}

async function planChange(tx: Tx, ctx: ServiceContext, county: Row, input: RegionChangeInput, today: string): Promise<Plan> {
  const preview: ChangePreview = {
    kind: input.kind,
    effectiveOn: input.effectiveOn,
    documentNo: input.documentNo,
    documentTitle: input.documentTitle,
    ended: [],
    created: [],
    renamed: null,
    groups: 0,
    households: 0,
    people: 0,
    users: [],
  }
  const plan: Plan = { preview, endIds: [], townships: [], villages: [], townshipLinks: [], rename: null }
  const check = async (rows: Row[]) => {
    const problem = dateProblem(input.effectiveOn, today, await asChangeRegions(tx, rows))
    if (problem) refuse(problem)
  }

  if (input.kind === 'RENAME') {
    const [row] = await loadInCounty(tx, ctx, county, [input.regionId])
    if (row.level !== 'TOWNSHIP' && row.level !== 'VILLAGE') refuse({ key: 'wrongLevel', name: row.name })
    await check([row])
    if (row.name === input.name) refuse({ key: 'sameName' })
    preview.renamed = { from: row.name, to: input.name }
    plan.rename = { row, name: input.name }
    return plan
  }

  // Which villages move where, and which townships end.
  let ending: Row[] = []
  let moving: { row: Row; to: string | number }[] = []
  let targets: { id: number; code: string; name: string }[] = []
  if (input.kind === 'SPLIT') {
    if (input.parts.length < 2) refuse({ key: 'tooFewNew' })
    const [township] = await loadInCounty(tx, ctx, county, [input.townshipId])
    if (township.level !== 'TOWNSHIP') refuse({ key: 'wrongLevel', name: township.name })
    ending = [township]
    const villages = await tx.region.findMany({ where: { parentId: township.id, validTo: null, active: true }, select: regionSelect, orderBy: { code: 'asc' } })
    const missing = unassigned(villages, new Map([...input.assign.entries()].filter(([, part]) => part >= 0 && part < input.parts.length)))
    if (missing.length > 0) refuse({ key: 'unassigned', names: missing.join('、') })
    moving = villages.map((v) => ({ row: v, to: `new${input.assign.get(v.id)!}` }))
    plan.townships = input.parts.map((p, i) => ({ key: `new${i}`, code: p.code, name: p.name }))
  } else if (input.kind === 'MERGE') {
    const ids = [...new Set(input.townshipIds)]
    if (ids.length < 2) refuse({ key: 'tooFewMerged' })
    ending = await loadInCounty(tx, ctx, county, ids)
    const wrong = ending.find((t) => t.level !== 'TOWNSHIP')
    if (wrong) refuse({ key: 'wrongLevel', name: wrong.name })
    const villages = await tx.region.findMany({ where: { parentId: { in: ids }, validTo: null, active: true }, select: regionSelect, orderBy: { code: 'asc' } })
    moving = villages.map((v) => ({ row: v, to: 'new0' }))
    plan.townships = [{ key: 'new0', code: input.code, name: input.name }]
  } else {
    const [village, target] = await Promise.all([
      loadInCounty(tx, ctx, county, [input.villageId]).then((r) => r[0]),
      loadInCounty(tx, ctx, county, [input.toTownshipId]).then((r) => r[0]),
    ])
    if (village.level !== 'VILLAGE') refuse({ key: 'wrongLevel', name: village.name })
    if (target.level !== 'TOWNSHIP') refuse({ key: 'wrongLevel', name: target.name })
    if (village.parentId === target.id) refuse({ key: 'sameTownship' })
    await check([target])
    moving = [{ row: village, to: target.id }]
    targets = [target]
  }
  await check([...ending, ...moving.map((m) => m.row)])

  // New township codes, then the villages' and groups' codes under them.
  const newCodes = plan.townships.map((t) => t.code)
  const takenRows = await tx.region.findMany({
    where: { code: { startsWith: county.code.slice(0, 6) } },
    select: { code: true },
  })
  const taken = new Set(takenRows.map((r) => r.code))
  const codeProblem = newCodeProblem(newCodes, county.code, taken)
  if (codeProblem) refuse(codeProblem)
  for (const code of newCodes) taken.add(code)
  const townshipCode = (to: string | number) =>
    typeof to === 'string' ? plan.townships.find((t) => t.key === to)!.code : targets.find((t) => t.id === to)!.code
  const townshipName = (to: string | number) =>
    typeof to === 'string' ? plan.townships.find((t) => t.key === to)!.name : targets.find((t) => t.id === to)!.name
  const groups = await tx.region.findMany({
    where: { parentId: { in: moving.map((m) => m.row.id) }, validTo: null },
    select: regionSelect,
    orderBy: { code: 'asc' },
  })
  for (const m of moving) {
    const code = rebasedCode(m.row.code, townshipCode(m.to), taken)
    // a group's code is its village's 12 digits and its own 3-digit number (decision 0008): it keeps the number
    const own = groups.filter((g) => g.parentId === m.row.id).map((g) => ({ row: g, code: code + g.code.slice(12) }))
    plan.villages.push({ row: m.row, to: m.to, code, groups: own })
  }

  // Approved (locked) periods of the townships whose villages change: the change must come after them.
  const touched = [...new Set([...ending.map((t) => t.id), ...moving.map((m) => m.row.parentId!), ...targets.map((t) => t.id)])]
  const lock = await tx.periodLock.findFirst({
    where: { townshipId: { in: touched }, unlockedAt: null, toDate: { gte: toDate(input.effectiveOn) } },
    orderBy: { toDate: 'desc' },
    select: { townshipId: true, toDate: true },
  })
  if (lock) {
    const name = (await tx.region.findUniqueOrThrow({ where: { id: lock.townshipId }, select: { name: true } })).name
    refuse({ key: 'periodApproved', name, date: toIso(lock.toDate) })
  }

  plan.townshipLinks = ending.flatMap((t) => plan.townships.map((n) => ({ from: t.id, to: n.key })))
  plan.endIds = [...ending.map((t) => t.id), ...plan.villages.flatMap((v) => [v.row.id, ...v.groups.map((g) => g.row.id)])]
  preview.ended = [...ending, ...plan.villages.map((v) => v.row)].map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level }))
  preview.created = [
    ...plan.townships.map((t) => ({ code: t.code, name: t.name, level: 'TOWNSHIP' as const, parentCode: county.code, fromName: null })),
    ...plan.villages.map((v) => ({
      code: v.code,
      name: v.row.name,
      level: 'VILLAGE' as const,
      parentCode: townshipCode(v.to),
      fromName: `${townshipName(v.to)}`,
    })),
  ]
  preview.groups = plan.villages.reduce((n, v) => n + v.groups.length, 0)
  const villageIds = plan.villages.map((v) => v.row.id)
  const [households, people, users] = await Promise.all([
    tx.household.count({ where: { villageId: { in: villageIds } } }),
    tx.person.count({ where: { villageId: { in: villageIds } } }),
    tx.user.findMany({
      where: { regionId: { in: plan.endIds }, active: true },
      select: { username: true, name: true, region: { select: { name: true } } },
      orderBy: { username: 'asc' },
    }),
  ])
  preview.households = households
  preview.people = people
  preview.users = users.map((u) => ({ username: u.username, name: u.name, region: u.region.name }))
  return plan
}

async function applyChange(tx: Tx, ctx: ServiceContext, county: Row, input: RegionChangeInput, plan: Plan): Promise<number> {
  const effectiveOn = toDate(input.effectiveOn)
  const change = await tx.regionChange.create({
    data: {
      countyId: county.id,
      kind: input.kind,
      effectiveOn,
      documentNo: input.documentNo,
      documentTitle: input.documentTitle,
      regionId: plan.rename?.row.id ?? null,
      oldName: plan.rename?.row.name ?? null,
      newName: plan.rename?.name ?? null,
      createdById: ctx.actor.id,
    },
    select: { id: true },
  })
  if (plan.rename) {
    await tx.region.update({ where: { id: plan.rename.row.id }, data: { name: plan.rename.name, version: { increment: 1 } } })
  } else {
    const townshipIds = new Map<string | number, { id: number; ancestorIds: number[] }>()
    for (const t of plan.townships) {
      const row = await tx.region.create({
        data: { code: t.code, name: t.name, level: 'TOWNSHIP', parentId: county.id, ancestorIds: [county.id], validFrom: effectiveOn },
        select: { id: true, ancestorIds: true },
      })
      townshipIds.set(t.key, row)
    }
    for (const v of plan.villages) {
      if (typeof v.to === 'number' && !townshipIds.has(v.to)) townshipIds.set(v.to, { id: v.to, ancestorIds: [county.id] })
    }
    const links: { changeId: number; fromId: number; toId: number }[] = plan.townshipLinks.map((l) => ({
      changeId: change.id,
      fromId: l.from,
      toId: townshipIds.get(l.to)!.id,
    }))
    const remap: RegionRemap = { villages: [], groups: [] }
    for (const v of plan.villages) {
      const township = townshipIds.get(v.to)!
      const village = await tx.region.create({
        data: {
          code: v.code,
          name: v.row.name,
          level: 'VILLAGE',
          parentId: township.id,
          ancestorIds: [...township.ancestorIds, township.id],
          validFrom: effectiveOn,
        },
        select: { id: true, ancestorIds: true },
      })
      links.push({ changeId: change.id, fromId: v.row.id, toId: village.id })
      remap.villages.push({ from: v.row.id, to: village.id, township: township.id })
      for (const g of v.groups) {
        const group = await tx.region.create({
          data: {
            code: g.code,
            name: g.row.name,
            level: 'GROUP',
            parentId: village.id,
            ancestorIds: [...village.ancestorIds, village.id],
            validFrom: effectiveOn,
            // a deactivated group stays deactivated
            active: g.row.active,
          },
          select: { id: true },
        })
        links.push({ changeId: change.id, fromId: g.row.id, toId: group.id })
        remap.groups.push({ from: g.row.id, to: group.id })
      }
    }
    await tx.regionChangeLink.createMany({ data: links })
    await tx.region.updateMany({ where: { id: { in: plan.endIds } }, data: { validTo: effectiveOn, active: false, version: { increment: 1 } } })
    await remapRegionRows(tx, remap)
  }
  await audit(tx, ctx.actor, {
    action: 'region.change',
    entity: 'RegionChange',
    entityId: change.id,
    regionId: county.id,
    after: {
      kind: input.kind,
      effectiveOn: input.effectiveOn,
      documentNo: input.documentNo,
      documentTitle: input.documentTitle,
      ended: plan.preview.ended.map((r) => r.code),
      created: plan.preview.created.map((r) => r.code),
      renamed: plan.preview.renamed,
      households: plan.preview.households,
      people: plan.preview.people,
    },
  })
  return change.id
}

// ------------------------------------------------------------------ reads

export interface RecordedChange {
  id: number
  kind: RegionChangeInput['kind']
  effectiveOn: string
  documentNo: string
  documentTitle: string
  /** "宁津镇 → 宁城街道、津城街道" lines: townships, or the village for a move */
  mapping: { from: string; to: string }[]
}

/** The county's recorded changes, newest first, with which township (or village) became which. */
export async function listRegionChanges(client: DbClient, countyId: number, between?: { from: string; to: string }): Promise<RecordedChange[]> {
  const changes = await client.regionChange.findMany({
    where: {
      countyId,
      ...(between ? { effectiveOn: { gte: toDate(between.from), lte: toDate(between.to) } } : {}),
    },
    orderBy: [{ effectiveOn: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      kind: true,
      effectiveOn: true,
      documentNo: true,
      documentTitle: true,
      oldName: true,
      newName: true,
      links: { select: { from: { select: { name: true, level: true } }, to: { select: { name: true, level: true, parent: { select: { name: true } } } } } },
    },
  })
  return changes.map((c) => {
    let mapping: { from: string; to: string }[]
    if (c.kind === 'RENAME') mapping = [{ from: c.oldName ?? '', to: c.newName ?? '' }]
    else if (c.kind === 'MOVE')
      mapping = c.links.filter((l) => l.from.level === 'VILLAGE').map((l) => ({ from: l.from.name, to: `${l.to.parent?.name ?? ''} / ${l.to.name}` }))
    else {
      const from = [...new Set(c.links.filter((l) => l.from.level === 'TOWNSHIP').map((l) => l.from.name))]
      const to = [...new Set(c.links.filter((l) => l.to.level === 'TOWNSHIP').map((l) => l.to.name))]
      mapping = [{ from: from.join('、'), to: to.join('、') }]
    }
    return { id: c.id, kind: c.kind, effectiveOn: toIso(c.effectiveOn), documentNo: c.documentNo, documentTitle: c.documentTitle, mapping }
  })
}

/** The county's region changes for a subject who may see its regions. */
export async function regionChangesFor(subject: Subject): Promise<RecordedChange[]> {
  const region = await db.region.findUniqueOrThrow({ where: { id: subject.regionId }, select: { id: true, level: true, ancestorIds: true } })
  return listRegionChanges(db, region.level === 'COUNTY' ? region.id : region.ancestorIds[0])
}

export interface DatedChild {
  id: number
  code: string
  name: string
  level: RegionLevel
  active: boolean
  validFrom: string | null
  validTo: string | null
  childCount: number
}

/** The children of a region (in the subject's scope) valid on `date`, with the names they had then. */
export async function childrenOn(subject: Subject, parentId: number, date: string): Promise<DatedChild[]> {
  const rows = await db.region.findMany({
    where: { parentId, ...regionScope(subject), ...validOnWhere(date) },
    select: { id: true, code: true, name: true, level: true, active: true, validFrom: true, validTo: true, parentId: true, ancestorIds: true },
    orderBy: { code: 'asc' },
  })
  if (rows.length === 0) return []
  const countyId = rows[0].ancestorIds[0]
  const [renames, counts] = await Promise.all([
    renamesOf(db, countyId),
    db.region.groupBy({ by: ['parentId'], where: { parentId: { in: rows.map((r) => r.id) }, ...validOnWhere(date) }, _count: { _all: true } }),
  ])
  const count = new Map(counts.map((c) => [c.parentId, c._count._all]))
  const dated = rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    code: r.code,
    name: r.name,
    level: r.level,
    active: r.active,
    validFrom: r.validFrom ? toIso(r.validFrom) : null,
    validTo: r.validTo ? toIso(r.validTo) : null,
    childCount: count.get(r.id) ?? 0,
  }))
  return treeOn(dated, renames, date).map(({ parentId: _parent, ...r }) => r)
}

/** A region's name on `date` (a rename after it shows the old name). */
export async function regionNameOn(region: { id: number; name: string; ancestorIds: number[]; level: RegionLevel }, date: string): Promise<string> {
  const countyId = region.level === 'COUNTY' ? region.id : region.ancestorIds[0]
  return nameOn(region, await renamesOf(db, countyId), date)
}

export interface EndedRegionUser {
  id: number
  username: string
  name: string
  regionName: string
  endedOn: string
}

/** Active users, in the subject's scope, whose region has ended: the administrator reassigns them. */
export async function usersOfEndedRegions(subject: Subject): Promise<EndedRegionUser[]> {
  if (!can(subject, 'user.manage')) return []
  const users = await db.user.findMany({
    where: { active: true, region: { validTo: { not: null }, ...regionScope(subject) } },
    select: { id: true, username: true, name: true, region: { select: { name: true, validTo: true } } },
    orderBy: { username: 'asc' },
    take: 200,
  })
  return users.map((u) => ({ id: u.id, username: u.username, name: u.name, regionName: u.region.name, endedOn: toIso(u.region.validTo!) }))
}

/** When the user's own region has ended: its name and end date, for a notice on their home page. */
export async function ownRegionEnded(subject: Subject): Promise<{ name: string; endedOn: string } | null> {
  const region = await db.region.findUnique({ where: { id: subject.regionId }, select: { name: true, validTo: true } })
  return region?.validTo ? { name: region.name, endedOn: toIso(region.validTo) } : null
}

/** The county's current townships with their current villages (for the change forms). */
export async function currentTownships(
  subject: Subject,
): Promise<{ id: number; code: string; name: string; villages: { id: number; code: string; name: string }[] }[]> {
  const rows = await db.region.findMany({
    where: { ...regionScope(subject), level: { in: ['TOWNSHIP', 'VILLAGE'] }, validTo: null, active: true },
    select: { id: true, code: true, name: true, level: true, parentId: true },
    orderBy: { code: 'asc' },
  })
  return rows
    .filter((r) => r.level === 'TOWNSHIP')
    .map((t) => ({ id: t.id, code: t.code, name: t.name, villages: rows.filter((v) => v.parentId === t.id).map(({ id, code, name }) => ({ id, code, name })) }))
}

/**
 * The changes a reader comparing a period with other years needs (decision 0011): those of the
 * region's county that took effect from a year before the period began on, oldest first.
 */
export async function changesAroundPeriod(regionId: number, period: { start: string }): Promise<RecordedChange[]> {
  const region = await db.region.findUnique({ where: { id: regionId }, select: { id: true, level: true, ancestorIds: true } })
  if (!region) return []
  const countyId = region.level === 'COUNTY' ? region.id : region.ancestorIds[0]
  const from = `${Number(period.start.slice(0, 4)) - 1}${period.start.slice(4)}`
  return (await listRegionChanges(db, countyId, { from, to: '2100-12-31' })).reverse()
}
