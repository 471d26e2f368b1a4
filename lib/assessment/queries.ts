import 'server-only'
import { db } from '@/lib/server/db'
import type { SessionUser } from '@/lib/server/session'
import { can } from '@/lib/access/permissions'
import { frozenOf, schemeSnapshot, type Breakdown, type SchemeSnapshot } from './engine'
import { MANUAL_SOURCE } from './sources'
import { townshipsOf } from '@/lib/regions/lookups'

// Reads of the assessment module, scoped in the query: the county sees its schemes, runs and every
// township's result; a township sees published runs only, and only its own result in them. The
// rankings and "why" pages read the stored results of a run (no scoring at page time).

type Viewer = Pick<SessionUser, 'id' | 'role' | 'regionId' | 'regionLevel' | 'regionAncestorIds'>

function countyIdOf(user: Viewer): number | null {
  if (user.regionLevel === 'COUNTY') return user.regionId
  if (user.regionLevel === 'TOWNSHIP') return user.regionAncestorIds[0] ?? null
  return null
}

/** A township viewer's own township id; null for the county. */
function ownTownship(user: Viewer): number | null {
  return user.regionLevel === 'TOWNSHIP' ? user.regionId : null
}

export async function listSchemes(user: Viewer) {
  if (user.regionLevel !== 'COUNTY') return []
  return db.assessmentScheme.findMany({
    where: { countyId: user.regionId },
    select: {
      id: true,
      key: true,
      version: true,
      name: true,
      maxPoints: true,
      current: true,
      createdAt: true,
      _count: { select: { nodes: true, runs: true } },
    },
    orderBy: [{ current: 'desc' }, { key: 'asc' }, { version: 'desc' }],
  })
}

export async function getScheme(user: Viewer, id: number): Promise<(SchemeSnapshot & { current: boolean; description: string }) | null> {
  if (user.regionLevel !== 'COUNTY') return null
  const snapshot = await schemeSnapshot(db, id, user.regionId)
  if (!snapshot) return null
  const row = await db.assessmentScheme.findUniqueOrThrow({ where: { id }, select: { current: true, description: true } })
  return { ...snapshot, ...row }
}

export async function listRuns(user: Viewer) {
  if (user.regionLevel !== 'COUNTY') return []
  return db.assessmentRun.findMany({
    where: { countyId: user.regionId },
    select: {
      id: true,
      title: true,
      periodKey: true,
      status: true,
      createdAt: true,
      publishedAt: true,
      correctsId: true,
      reason: true,
      scheme: { select: { key: true, name: true, version: true } },
    },
    orderBy: { id: 'desc' },
    take: 100,
  })
}

export interface ResultRow {
  townshipId: number
  name: string
  total: number
  scoreRank: number
  place: number
  vetoes: number
  excludedFromAwards: boolean
  breakdown: Breakdown
}

/** A run with its results (a township: published only, its own result only). */
export async function getRun(user: Viewer, runId: number) {
  const countyId = countyIdOf(user)
  if (countyId === null) return null
  const own = ownTownship(user)
  const run = await db.assessmentRun.findFirst({
    where: { id: runId, countyId, ...(own !== null ? { status: 'PUBLISHED' as const } : {}) },
    include: {
      scheme: { select: { key: true, name: true, version: true } },
      results: { where: own !== null ? { townshipId: own } : {}, orderBy: [{ place: 'asc' }, { townshipId: 'asc' }] },
      adjustments: { where: own !== null ? { townshipId: own } : {}, orderBy: { id: 'asc' } },
      vetoes: { where: own !== null ? { townshipId: own } : {}, orderBy: { id: 'asc' } },
    },
  })
  if (!run) return null
  const { snapshot, townships } = frozenOf(run)
  return {
    id: run.id,
    title: run.title,
    periodKey: run.periodKey,
    periodStart: run.periodStart,
    periodEnd: run.periodEnd,
    status: run.status,
    createdAt: run.createdAt,
    computedAt: run.computedAt,
    publishedAt: run.publishedAt,
    correctsId: run.correctsId,
    reason: run.reason,
    scheme: run.scheme,
    snapshot: { ...snapshot, townships: own !== null ? townships.filter((t) => t.id === own) : townships },
    results: run.results as unknown as ResultRow[],
    adjustments: run.adjustments,
    vetoes: run.vetoes,
  }
}

/** One township's result on a run, for its "why" page. */
export async function whyOf(user: Viewer, runId: number, townshipId: number) {
  const own = ownTownship(user)
  if (own !== null && own !== townshipId) return null
  const run = await getRun(user, runId)
  if (!run) return null
  const result = run.results.find((r) => r.townshipId === townshipId)
  if (!result) return null
  return { run, result, count: (run.snapshot.townships ?? []).length }
}

/** Published runs that no published correction replaced, oldest first. */
async function effectiveRuns(countyId: number, schemeKey: string) {
  const runs = await db.assessmentRun.findMany({
    where: { countyId, status: 'PUBLISHED', scheme: { key: schemeKey } },
    select: { id: true, title: true, periodKey: true, publishedAt: true, correctsId: true },
    orderBy: [{ periodKey: 'asc' }, { publishedAt: 'asc' }],
  })
  const corrected = new Set(runs.map((r) => r.correctsId).filter((id): id is number => id !== null))
  return runs.filter((r) => !corrected.has(r.id))
}

/**
 * The rankings page: the latest published run of a scheme with its results, each township's
 * movement since the previous published run, and every township's place and score over time.
 */
export async function rankings(user: Viewer, schemeKey?: string) {
  const countyId = countyIdOf(user)
  if (countyId === null) return null
  const own = ownTownship(user)
  const published = await db.assessmentRun.findMany({
    where: { countyId, status: 'PUBLISHED' },
    select: { scheme: { select: { key: true, name: true } }, publishedAt: true },
    orderBy: { publishedAt: 'desc' },
  })
  const schemes = [...new Map(published.map((r) => [r.scheme.key, r.scheme.name])).entries()].map(([key, name]) => ({ key, name }))
  const key = schemeKey && schemes.some((s) => s.key === schemeKey) ? schemeKey : schemes[0]?.key
  if (!key) return { schemes, schemeKey: null, latest: null, previous: null, history: [] }
  const runs = await effectiveRuns(countyId, key)
  const latestRun = runs.at(-1)!
  const previousRun = runs.at(-2) ?? null
  const mine = own !== null ? { townshipId: own } : {}
  // the breakdowns of the latest run only; the history needs places and totals
  const [results, latest] = await Promise.all([
    db.assessmentResult.findMany({
      where: { runId: { in: runs.map((r) => r.id) }, ...mine },
      select: { runId: true, townshipId: true, name: true, total: true, place: true },
      orderBy: [{ place: 'asc' }, { townshipId: 'asc' }],
    }),
    db.assessmentResult.findMany({
      where: { runId: latestRun.id, ...mine },
      select: { runId: true, townshipId: true, name: true, total: true, place: true, scoreRank: true, vetoes: true, excludedFromAwards: true, breakdown: true },
      orderBy: [{ place: 'asc' }, { townshipId: 'asc' }],
    }),
  ])
  const previousPlace = new Map(results.filter((r) => r.runId === previousRun?.id).map((r) => [r.townshipId, r.place]))
  const topGroups = ((latest[0]?.breakdown as unknown as Breakdown | undefined)?.groups ?? []).filter((g) => g.parent === null)
  const history = runs.map((run) => ({
    runId: run.id,
    label: run.title,
    periodKey: run.periodKey,
    units: Object.fromEntries(results.filter((r) => r.runId === run.id).map((r) => [r.name, { place: r.place, total: r.total }])),
  }))
  return {
    schemes,
    schemeKey: key,
    latest: {
      run: latestRun,
      groups: topGroups.map((g) => ({ code: g.code, name: g.name, maxPoints: g.maxPoints })),
      rows: latest.map((r) => {
        const b = r.breakdown as unknown as Breakdown
        const before = previousPlace.get(r.townshipId)
        return {
          townshipId: r.townshipId,
          name: r.name,
          total: r.total,
          place: r.place,
          vetoes: r.vetoes,
          excludedFromAwards: r.excludedFromAwards,
          groups: Object.fromEntries(b.groups.filter((g) => g.parent === null).map((g) => [g.code, g.points])),
          ungrouped: b.indicators.filter((i) => i.parent === null).reduce((sum, i) => sum + i.points, 0),
          adjustments: b.adjustments.reduce((sum, a) => sum + a.points, 0),
          /** places gained since the previous run (positive: up); null when it was not ranked then */
          movement: before === undefined ? null : before - r.place,
        }
      }),
    },
    previous: previousRun,
    history,
  }
}

/** The value form: the scheme's manual indicators, the townships, the values entered for a period. */
export async function valuesGrid(user: Viewer, schemeId: number, periodKey: string) {
  if (user.regionLevel !== 'COUNTY' || !can(user, 'assessment.run')) return null
  const scheme = await schemeSnapshot(db, schemeId, user.regionId)
  if (!scheme) return null
  const [townships, values] = await Promise.all([
    townshipsOf(db, user.regionId),
    db.assessmentValue.findMany({
      where: { countyId: user.regionId, schemeKey: scheme.key, periodKey },
      select: { indicatorCode: true, townshipId: true, value: true, evidence: true },
    }),
  ])
  const indicators = scheme.nodes.filter((n) => n.method && (n.source ?? MANUAL_SOURCE) === MANUAL_SOURCE)
  const evidence: Record<string, string> = {}
  for (const v of values) if (v.evidence) evidence[v.indicatorCode] ??= v.evidence
  return {
    scheme,
    indicators,
    townships,
    values: new Map(values.map((v) => [`${v.indicatorCode}/${v.townshipId}`, v.value])),
    evidence,
  }
}
