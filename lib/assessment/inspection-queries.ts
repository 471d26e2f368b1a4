import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { db } from '@/lib/server/db'
import type { Subject } from '@/lib/access/permissions'
import { toIso } from '@/lib/dates'
import { regionNames, townshipsOf } from '@/lib/regions/lookups'
import { attachmentsOf, type AttachmentRow } from '@/lib/attachments/service'
import { sampleHouseholdFacts } from '@/lib/registry/sample'
import { roundPoints } from './rules'
import { isOverdue, rankRound, sampleRates, sheetMaximum, sheetTotal, type SheetItem } from './inspection-rules'
import { RECTIFICATION_EVIDENCE, SCORE_PHOTO } from './inspections'

// Scoped reads of inspections, rectifications and samples. The county's users see their county's
// rounds; a township sees a round only once its result is published, and then only its own scores
// and rectification items (the filter is in the query, so another township's row looks missing).

function countyIdOf(subject: Subject): number | null {
  return subject.regionLevel === 'COUNTY' ? subject.regionId : null
}

/** The rounds a subject may see: the county all of its own, a township the published ones that visited it. */
function roundScope(subject: Subject): Prisma.InspectionRoundWhereInput {
  const county = countyIdOf(subject)
  if (county !== null) return { countyId: county }
  if (subject.regionLevel === 'TOWNSHIP') return { status: 'PUBLISHED', teams: { some: { townshipIds: { has: subject.regionId } } } }
  return { id: -1 }
}

export async function listTemplates(subject: Subject) {
  const county = countyIdOf(subject)
  if (county === null) return []
  const rows = await db.inspectionTemplate.findMany({ where: { countyId: county }, orderBy: { id: 'desc' } })
  return rows.map((r) => ({ id: r.id, name: r.name, items: r.items as unknown as SheetItem[] }))
}

export async function listRounds(subject: Subject) {
  const rows = await db.inspectionRound.findMany({ where: roundScope(subject), orderBy: [{ startsOn: 'desc' }, { id: 'desc' }], take: 100 })
  return rows.map((r) => ({ id: r.id, title: r.title, statYear: r.statYear, startsOn: toIso(r.startsOn), endsOn: toIso(r.endsOn), status: r.status }))
}

export interface TownshipResult {
  townshipId: number
  name: string
  total: number
  scored: number
  complete: boolean
  place: number | null
  open: number
  overdue: number
  /** points per group of the sheet */
  groups: Record<string, number>
}

/**
 * A round as the subject may see it: its sheet, teams, and per township the total, place and open
 * and overdue rectification items. A township gets only its own row.
 */
export async function roundDetail(subject: Subject, roundId: number, today: string) {
  const round = await db.inspectionRound.findFirst({ where: { id: roundId, ...roundScope(subject) }, include: { teams: { orderBy: { id: 'asc' } } } })
  if (!round) return null
  const items = round.items as unknown as SheetItem[]
  const own = subject.regionLevel === 'TOWNSHIP' ? subject.regionId : null
  const visited = [...new Set(round.teams.flatMap((t) => t.townshipIds))]
  const names = await regionNames(db, [...visited])
  const memberNames = new Map(
    (await db.user.findMany({ where: { id: { in: [...new Set(round.teams.flatMap((t) => t.memberIds))] } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  )
  // every township's scores: a township's place depends on the others' totals, though it sees only its own row
  const scores = await db.inspectionScore.findMany({ where: { roundId: round.id }, select: { townshipId: true, itemCode: true, points: true } })
  const rects = await db.rectification.findMany({
    where: { roundId: round.id, ...(own ? { townshipId: own } : {}) },
    select: { townshipId: true, status: true, dueOn: true },
  })
  const totals = visited.map((townshipId) => {
    const map = new Map(scores.filter((s) => s.townshipId === townshipId).map((s) => [s.itemCode, s.points]))
    const groups: Record<string, number> = {}
    for (const item of items) groups[item.group] = roundPoints((groups[item.group] ?? 0) + (map.get(item.code) ?? 0))
    return { townshipId, groups, ...sheetTotal(items, map) }
  })
  const ranked = new Map(rankRound(totals.map((t) => ({ townshipId: t.townshipId, total: t.total }))).map((r) => [r.unit, r.place]))
  const results: TownshipResult[] = totals
    .filter((t) => own === null || t.townshipId === own)
    .map((t) => {
      const mine = rects.filter((r) => r.townshipId === t.townshipId)
      return {
        ...t,
        name: names.get(t.townshipId) ?? String(t.townshipId),
        place: ranked.get(t.townshipId) ?? null,
        open: mine.filter((r) => r.status !== 'CLOSED').length,
        overdue: mine.filter((r) => isOverdue({ status: r.status, dueOn: toIso(r.dueOn) }, today)).length,
      }
    })
    .sort((a, b) => (a.place ?? 999) - (b.place ?? 999) || a.name.localeCompare(b.name, 'zh-CN'))
  return {
    id: round.id,
    title: round.title,
    statYear: round.statYear,
    startsOn: toIso(round.startsOn),
    endsOn: toIso(round.endsOn),
    status: round.status,
    publishedAt: round.publishedAt,
    items,
    maximum: sheetMaximum(items),
    teams: round.teams.map((t) => ({
      id: t.id,
      name: t.name,
      members: t.memberIds.map((id) => ({ id, name: memberNames.get(id) ?? String(id) })),
      townships: t.townshipIds.map((id) => ({ id, name: names.get(id) ?? String(id) })),
      mine: t.memberIds.includes(subject.id),
    })),
    results,
  }
}

/** One township's sheet in a round, with the scores, notes and photos entered so far (for the scoring page and the township's view). */
export async function scoreSheet(subject: Subject, roundId: number, townshipId: number) {
  const round = await db.inspectionRound.findFirst({ where: { id: roundId, ...roundScope(subject) }, include: { teams: true } })
  if (!round) return null
  if (subject.regionLevel === 'TOWNSHIP' && subject.regionId !== townshipId) return null
  if (!round.teams.some((t) => t.townshipIds.includes(townshipId))) return null
  const items = round.items as unknown as SheetItem[]
  const scores = await db.inspectionScore.findMany({ where: { roundId, townshipId } })
  const photos = await attachmentsOf(
    db,
    SCORE_PHOTO,
    scores.map((s) => s.id),
  )
  const byCode = new Map(scores.map((s) => [s.itemCode, { id: s.id, points: s.points, note: s.note, photos: photos.get(s.id) ?? [] }]))
  const name = (await regionNames(db, [townshipId])).get(townshipId) ?? ''
  const owners = await db.user.findMany({
    where: { regionId: townshipId, active: true, role: { in: ['TOWNSHIP_STAFF', 'TOWNSHIP_LEADER'] } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
  return {
    round: { id: round.id, title: round.title, status: round.status, endsOn: toIso(round.endsOn) },
    township: { id: townshipId, name },
    items,
    scores: byCode,
    total: sheetTotal(items, new Map(scores.map((s) => [s.itemCode, s.points]))),
    maximum: sheetMaximum(items),
    mayScore: round.status === 'OPEN' && round.teams.some((t) => t.memberIds.includes(subject.id) && t.townshipIds.includes(townshipId)),
    owners,
  }
}

export interface RectificationRow {
  id: number
  roundId: number
  roundTitle: string
  townshipId: number
  township: string
  itemCode: string | null
  finding: string
  owner: string | null
  dueOn: string
  status: 'OPEN' | 'SUBMITTED' | 'CLOSED'
  overdue: boolean
  measures: string
  refusal: string
  refusals: number
}

function rectificationScope(subject: Subject): Prisma.RectificationWhereInput {
  const county = countyIdOf(subject)
  if (county !== null) return { countyId: county }
  if (subject.regionLevel === 'TOWNSHIP') return { townshipId: subject.regionId, round: { status: 'PUBLISHED' } }
  return { id: -1 }
}

/** The rectification ledger: the county's items, or a township's own items of published rounds. */
export async function rectificationLedger(subject: Subject, today: string, filter: { roundId?: number; status?: 'OPEN' | 'SUBMITTED' | 'CLOSED' } = {}) {
  const rows = await db.rectification.findMany({
    where: { ...rectificationScope(subject), ...(filter.roundId ? { roundId: filter.roundId } : {}), ...(filter.status ? { status: filter.status } : {}) },
    include: { round: { select: { title: true } } },
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
    take: 500,
  })
  const names = await regionNames(db, new Set(rows.map((r) => r.townshipId)))
  const owners = new Map(
    (await db.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])) } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  )
  return rows.map((r): RectificationRow => ({
    id: r.id,
    roundId: r.roundId,
    roundTitle: r.round.title,
    townshipId: r.townshipId,
    township: names.get(r.townshipId) ?? '',
    itemCode: r.itemCode,
    finding: r.finding,
    owner: r.ownerId ? (owners.get(r.ownerId) ?? null) : null,
    dueOn: toIso(r.dueOn),
    status: r.status,
    overdue: isOverdue({ status: r.status, dueOn: toIso(r.dueOn) }, today),
    measures: r.measures,
    refusal: r.refusal,
    refusals: r.refusals,
  }))
}

export async function rectificationDetail(subject: Subject, id: number, today: string): Promise<(RectificationRow & { evidence: AttachmentRow[] }) | null> {
  const rows = await db.rectification.findFirst({ where: { id, ...rectificationScope(subject) }, select: { id: true, roundId: true } })
  if (!rows) return null
  const row = (await rectificationLedger(subject, today, { roundId: rows.roundId })).find((r) => r.id === id)
  if (!row) return null
  return { ...row, evidence: (await attachmentsOf(db, RECTIFICATION_EVIDENCE, [id])).get(id) ?? [] }
}

/** Whether the subject may download an attachment: the owning row must be one they may see. */
export async function attachmentOwnerVisible(subject: Subject, ownerType: string, ownerId: number): Promise<boolean> {
  if (ownerType === RECTIFICATION_EVIDENCE) return (await db.rectification.count({ where: { id: ownerId, ...rectificationScope(subject) } })) > 0
  if (ownerType === SCORE_PHOTO) {
    const own = subject.regionLevel === 'TOWNSHIP' ? { townshipId: subject.regionId } : {}
    return (await db.inspectionScore.count({ where: { id: ownerId, ...own, round: roundScope(subject) } })) > 0
  }
  return false
}

// ---------------------------------------------------------------- samples

export async function listSamples(subject: Subject) {
  const county = countyIdOf(subject)
  if (county === null) return []
  const rows = await db.sampleCheck.findMany({
    where: { countyId: county },
    orderBy: { id: 'desc' },
    take: 100,
    include: { households: { select: { outcome: true } } },
  })
  const names = await regionNames(db, new Set(rows.map((r) => r.townshipId)))
  return rows.map((r) => ({
    id: r.id,
    township: names.get(r.townshipId) ?? '',
    statYear: r.statYear,
    seed: r.seed,
    size: r.size,
    rates: sampleRates(r.households.map((h) => h.outcome)),
  }))
}

export async function sampleDetail(subject: Subject, id: number) {
  const county = countyIdOf(subject)
  if (county === null) return null
  const check = await db.sampleCheck.findFirst({ where: { id, countyId: county }, include: { households: { orderBy: { position: 'asc' } } } })
  if (!check) return null
  const facts = await sampleHouseholdFacts(
    db,
    check.townshipId,
    check.households.map((h) => h.householdId),
  )
  const names = await regionNames(db, new Set([check.townshipId, ...check.households.map((h) => h.villageId)]))
  return {
    id: check.id,
    townshipId: check.townshipId,
    township: names.get(check.townshipId) ?? '',
    statYear: check.statYear,
    seed: check.seed,
    size: check.size,
    rates: sampleRates(check.households.map((h) => h.outcome)),
    households: check.households.map((h) => ({
      id: h.id,
      householdId: h.householdId,
      village: names.get(h.villageId) ?? '',
      address: facts.get(h.householdId)?.address ?? '',
      head: facts.get(h.householdId)?.headName ?? null,
      members: facts.get(h.householdId)?.members ?? 0,
      outcome: h.outcome,
      wrongField: h.wrongField,
      note: h.note,
    })),
  }
}

/** The county's townships, for the forms. */
export async function countyTownships(subject: Subject) {
  const county = countyIdOf(subject)
  if (county === null) return []
  return (await townshipsOf(db, county)).map((t) => ({ id: t.id, name: t.name, code: t.code }))
}

/** The county's inspectors and officials, who can be put in a team. */
export async function countyInspectors(subject: Subject) {
  const county = countyIdOf(subject)
  if (county === null) return []
  return db.user.findMany({
    where: { regionId: county, active: true, role: { in: ['INSPECTOR', 'COUNTY_OFFICIAL'] } },
    select: { id: true, name: true, username: true },
    orderBy: { username: 'asc' },
  })
}

// ---------------------------------------------------------------- dashboard

export interface RectificationCounts {
  open: number
  overdue: number
  closed: number
}

/**
 * Per township, the rectification items the subject may see (rectificationScope: the county all of
 * its own, a township its own of published rounds): open (not closed), overdue, and closed between
 * `closedFrom` and `closedTo` (dates, Beijing time). `townshipId` narrows to one township.
 */
export async function rectificationCounts(
  subject: Subject,
  filter: { townshipId?: number; closedFrom: string; closedTo: string },
  today: string,
): Promise<Map<number, RectificationCounts>> {
  const closedWindow = {
    gte: new Date(`${filter.closedFrom}T00:00:00+08:00`),
    lt: new Date(new Date(`${filter.closedTo}T00:00:00+08:00`).getTime() + 86_400_000),
  }
  const rows = await db.rectification.findMany({
    where: {
      AND: [
        rectificationScope(subject),
        filter.townshipId !== undefined ? { townshipId: filter.townshipId } : {},
        { OR: [{ status: { not: 'CLOSED' } }, { status: 'CLOSED', closedAt: closedWindow }] },
      ],
    },
    select: { townshipId: true, status: true, dueOn: true },
  })
  const counts = new Map<number, RectificationCounts>()
  for (const r of rows) {
    const c = counts.get(r.townshipId) ?? { open: 0, overdue: 0, closed: 0 }
    if (r.status === 'CLOSED') c.closed++
    else c.open++
    if (isOverdue({ status: r.status, dueOn: toIso(r.dueOn) }, today)) c.overdue++
    counts.set(r.townshipId, c)
  }
  return counts
}
