import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import { AppError } from '@/lib/server/errors'
import type { Period } from '@/lib/periods/rules'
import { statYearPeriod } from '@/lib/reports/indicators'
import { buildScheme, rank, roundPoints, scoreScheme, type SchemeNode, type VetoRule } from './rules'
import type { ParsedScheme, StoredNode } from './format'
import { indicatorSource, MANUAL_SOURCE } from './sources'
import { townshipsOf } from '@/lib/regions/lookups'

// Runs: gathering and freezing the inputs, scoring them, storing each township's breakdown,
// publishing. Not server-only (no session, no audit helper): the service wraps these with
// permissions and audit events; the demo generator and the benchmark call them directly.

type Client = PrismaClient | Tx

/** The scheme as a run scored it, kept with the run. */
export interface SchemeSnapshot {
  id: number
  key: string
  version: number
  name: string
  maxPoints: number
  veto: VetoRule
  nodes: StoredNode[]
}

/** One frozen input: a township's value of an indicator, where it came from and when it was read. */
export interface FrozenInput {
  code: string
  townshipId: number
  value: number | null
  source: string
  /** ISO time the value was read (a source) or entered (by hand) */
  at: string
  evidence?: string
  detail?: Record<string, number | null>
}

export interface BreakdownIndicator {
  code: string
  name: string
  parent: string | null
  maxPoints: number
  unit: string
  method: StoredNode['method']
  value: number | null
  source: string
  at: string
  evidence?: string
  detail?: Record<string, number | null>
  formula: string
  points: number
}

export interface BreakdownGroup {
  code: string
  name: string
  parent: string | null
  maxPoints: number
  combine: 'sum' | 'normalise'
  rawSum: number
  points: number
  formula: string
}

export interface Breakdown {
  indicators: BreakdownIndicator[]
  groups: BreakdownGroup[]
  adjustments: { points: number; reason: string; document: string }[]
  vetoes: { reason: string; document: string }[]
  veto: VetoRule
  total: number
}

export interface ComputedResult {
  townshipId: number
  name: string
  total: number
  scoreRank: number
  place: number
  vetoes: number
  excludedFromAwards: boolean
  breakdown: Breakdown
}

export interface RunEntries {
  adjustments: { townshipId: number; points: number; reason: string; document: string }[]
  vetoes: { townshipId: number; reason: string; document: string }[]
}

/** Every unit's indicator and group points, adjustments, vetoes, total and place: pure, from frozen inputs. */
export function computeResults(
  snapshot: SchemeSnapshot,
  inputs: readonly FrozenInput[],
  townships: readonly { id: number; name: string }[],
  entries: RunEntries,
): ComputedResult[] {
  const built = buildScheme(snapshot.nodes, snapshot.maxPoints, snapshot.veto)
  if (!built.ok) throw new AppError('assessment.errors.schemeBroken')
  const units = townships.map((t) => t.id)
  const values = new Map<string, Map<number, number | null>>()
  for (const input of inputs) {
    if (!values.has(input.code)) values.set(input.code, new Map())
    values.get(input.code)!.set(input.townshipId, input.value)
  }
  const vetoCounts = new Map<number, number>()
  for (const v of entries.vetoes) vetoCounts.set(v.townshipId, (vetoCounts.get(v.townshipId) ?? 0) + 1)
  const scored = scoreScheme(
    built.scheme,
    values,
    units,
    entries.adjustments.map((a) => ({ unit: a.townshipId, points: a.points, reason: a.reason, document: a.document })),
    vetoCounts,
  )
  const ranked = new Map(
    rank(
      scored.map((s) => ({ unit: s.unit, score: s.total, vetoes: s.vetoes })),
      snapshot.veto,
    ).map((r) => [r.unit, r]),
  )
  const inputOf = new Map(inputs.map((i) => [`${i.code}/${i.townshipId}`, i]))
  const byCode = new Map(snapshot.nodes.map((n) => [n.code, n]))
  const order = flatten(built.scheme.children)
  const name = new Map(townships.map((t) => [t.id, t.name]))
  return scored.map((s) => {
    const r = ranked.get(s.unit)!
    const breakdown: Breakdown = {
      indicators: order
        .filter((n) => n.kind === 'indicator')
        .map((n) => {
          const stored = byCode.get(n.code)!
          const input = inputOf.get(`${n.code}/${s.unit}`)
          const score = s.indicators.get(n.code)!
          return {
            code: n.code,
            name: n.name,
            parent: stored.parent,
            maxPoints: n.maxPoints,
            unit: stored.unit,
            method: stored.method,
            value: score.value,
            source: input?.source ?? stored.source ?? MANUAL_SOURCE,
            at: input?.at ?? '',
            ...(input?.evidence ? { evidence: input.evidence } : {}),
            ...(input?.detail ? { detail: input.detail } : {}),
            formula: score.formula,
            points: score.points,
          }
        }),
      groups: order
        .filter((n) => n.kind === 'group')
        .map((n) => {
          const g = s.groups.get(n.code)!
          return {
            code: n.code,
            name: n.name,
            parent: byCode.get(n.code)!.parent,
            maxPoints: n.maxPoints,
            combine: n.kind === 'group' ? n.combine : 'sum',
            rawSum: g.rawSum,
            points: g.points,
            formula: g.formula,
          }
        }),
      adjustments: s.adjustments.map((a) => ({ points: roundPoints(a.points), reason: a.reason, document: a.document })),
      vetoes: entries.vetoes.filter((v) => v.townshipId === s.unit).map((v) => ({ reason: v.reason, document: v.document })),
      veto: snapshot.veto,
      total: s.total,
    }
    return {
      townshipId: s.unit,
      name: name.get(s.unit) ?? '',
      total: s.total,
      scoreRank: r.scoreRank,
      place: r.place,
      vetoes: r.vetoes,
      excludedFromAwards: r.excludedFromAwards,
      breakdown,
    }
  })
}

function flatten(nodes: readonly SchemeNode[]): SchemeNode[] {
  return nodes.flatMap((n) => (n.kind === 'group' ? [n, ...flatten(n.children)] : [n]))
}

/** The active townships of a county, in code order: the units a county run scores. */
export function countyTownships(client: Client, countyId: number) {
  return townshipsOf(client, countyId)
}

/** Reads every input of the scheme for the period: module sources through the registry, manual values with their evidence. */
export async function gatherInputs(
  client: Client,
  input: { countyId: number; snapshot: SchemeSnapshot; period: Period; today: string; now: Date; townships: readonly { id: number }[] },
): Promise<FrozenInput[]> {
  const indicators = input.snapshot.nodes.filter((n) => n.method)
  const sourceKeys = [...new Set(indicators.map((n) => n.source ?? MANUAL_SOURCE).filter((s) => s !== MANUAL_SOURCE))]
  const computed = new Map<string, { at: string; values: Awaited<ReturnType<NonNullable<ReturnType<typeof indicatorSource>>['compute']>> }>()
  for (const key of sourceKeys) {
    const source = indicatorSource(key)
    if (!source) throw new AppError('assessment.errors.unknownSource', { source: key })
    const values = await source.compute(client, { countyId: input.countyId, period: input.period, today: input.today })
    computed.set(key, { at: new Date().toISOString(), values })
  }
  const manual = await client.assessmentValue.findMany({
    where: { countyId: input.countyId, schemeKey: input.snapshot.key, periodKey: input.period.key },
    select: { indicatorCode: true, townshipId: true, value: true, evidence: true, enteredAt: true },
  })
  const manualOf = new Map(manual.map((m) => [`${m.indicatorCode}/${m.townshipId}`, m]))
  const out: FrozenInput[] = []
  for (const node of indicators) {
    const source = node.source ?? MANUAL_SOURCE
    for (const township of input.townships) {
      if (source === MANUAL_SOURCE) {
        const m = manualOf.get(`${node.code}/${township.id}`)
        out.push({
          code: node.code,
          townshipId: township.id,
          value: m?.value ?? null,
          source,
          at: (m?.enteredAt ?? input.now).toISOString(),
          ...(m?.evidence ? { evidence: m.evidence } : {}),
        })
      } else {
        const c = computed.get(source)!
        const v = c.values.get(township.id)
        out.push({ code: node.code, townshipId: township.id, value: v?.value ?? null, source, at: c.at, ...(v ? { detail: v.detail } : {}) })
      }
    }
  }
  return out
}

/** A scheme version as a run keeps it. */
export async function schemeSnapshot(client: Client, schemeId: number, countyId: number): Promise<SchemeSnapshot | null> {
  const scheme = await client.assessmentScheme.findFirst({ where: { id: schemeId, countyId }, include: { nodes: { orderBy: { position: 'asc' } } } })
  if (!scheme) return null
  return {
    id: scheme.id,
    key: scheme.key,
    version: scheme.version,
    name: scheme.name,
    maxPoints: scheme.maxPoints,
    veto: scheme.veto as unknown as VetoRule,
    nodes: scheme.nodes.map((n) => ({
      code: n.code,
      name: n.name,
      parent: n.parentCode,
      maxPoints: n.maxPoints,
      ...(n.method ? { method: n.method as unknown as StoredNode['method'] } : { combine: (n.combine ?? 'sum') as 'sum' | 'normalise' }),
      source: n.source,
      unit: n.unit,
      description: n.description,
    })),
  }
}

/** Runs a scheme: freezes the inputs, scores them, stores the run and its results. Call inside a transaction. */
export async function makeRun(
  tx: Tx,
  input: {
    countyId: number
    schemeId: number
    statYear: number
    title: string
    createdById: number
    today: string
    now?: Date
    correctsId?: number | null
    reason?: string
  },
): Promise<number> {
  const snapshot = await schemeSnapshot(tx, input.schemeId, input.countyId)
  if (!snapshot) throw new AppError('errors.notFound')
  const period = await statYearPeriod(tx, input.countyId, input.statYear)
  const townships = await countyTownships(tx, input.countyId)
  const now = input.now ?? new Date()
  const inputs = await gatherInputs(tx, { countyId: input.countyId, snapshot, period, today: input.today, now, townships })
  const run = await tx.assessmentRun.create({
    data: {
      countyId: input.countyId,
      schemeId: snapshot.id,
      periodKey: period.key,
      periodStart: new Date(`${period.start}T00:00:00Z`),
      periodEnd: new Date(`${period.end}T00:00:00Z`),
      title: input.title,
      inputs: inputs as unknown as Prisma.InputJsonValue,
      schemeSnapshot: { ...snapshot, townships } as unknown as Prisma.InputJsonValue,
      correctsId: input.correctsId ?? null,
      reason: input.reason ?? '',
      createdById: input.createdById,
      createdAt: now,
      computedAt: now,
    },
    select: { id: true },
  })
  await storeResults(tx, run.id, snapshot, inputs, townships, { adjustments: [], vetoes: [] })
  return run.id
}

async function storeResults(
  tx: Tx,
  runId: number,
  snapshot: SchemeSnapshot,
  inputs: FrozenInput[],
  townships: readonly { id: number; name: string }[],
  entries: RunEntries,
) {
  const results = computeResults(snapshot, inputs, townships, entries)
  await tx.assessmentResult.deleteMany({ where: { runId } })
  await tx.assessmentResult.createMany({
    data: results.map((r) => ({ runId, ...r, breakdown: r.breakdown as unknown as Prisma.InputJsonValue })),
  })
  return results
}

/** The frozen inputs and scheme of a run, as stored. */
export function frozenOf(run: { inputs: unknown; schemeSnapshot: unknown }) {
  const snapshot = run.schemeSnapshot as SchemeSnapshot & { townships: { id: number; name: string }[] }
  return { snapshot, townships: snapshot.townships, inputs: run.inputs as FrozenInput[] }
}

/** Scores a draft run again from its frozen inputs and its current adjustments and vetoes. */
export async function recomputeRun(tx: Tx, runId: number): Promise<ComputedResult[]> {
  const run = await tx.assessmentRun.findUniqueOrThrow({
    where: { id: runId },
    include: { adjustments: { orderBy: { id: 'asc' } }, vetoes: { orderBy: { id: 'asc' } } },
  })
  if (run.status !== 'DRAFT') throw new AppError('assessment.errors.published')
  const { snapshot, townships, inputs } = frozenOf(run)
  const results = await storeResults(tx, runId, snapshot, inputs, townships, { adjustments: run.adjustments, vetoes: run.vetoes })
  await tx.assessmentRun.update({ where: { id: runId }, data: { computedAt: new Date() } })
  return results
}

/** Publishes a draft run (immutable from now on). Publishing twice is refused. */
export async function publishRun(tx: Tx, runId: number, publishedById: number, now = new Date()): Promise<void> {
  // the status in the WHERE: two publishes at once cannot both succeed
  const updated = await tx.assessmentRun.updateMany({ where: { id: runId, status: 'DRAFT' }, data: { status: 'PUBLISHED', publishedAt: now, publishedById } })
  if (updated.count === 0) throw new AppError('assessment.errors.alreadyPublished')
}

/** Stores a checked scheme: a new scheme, or the next version of the county's scheme with the same key (the old stays). */
export async function insertScheme(tx: Tx, countyId: number, scheme: ParsedScheme, createdById: number): Promise<{ id: number; version: number }> {
  const { file, nodes } = scheme
  const last = await tx.assessmentScheme.findFirst({ where: { countyId, key: file.key }, orderBy: { version: 'desc' }, select: { version: true } })
  const version = (last?.version ?? 0) + 1
  await tx.assessmentScheme.updateMany({ where: { countyId, key: file.key, current: true }, data: { current: false } })
  return tx.assessmentScheme.create({
    data: {
      countyId,
      key: file.key,
      version,
      name: file.name,
      description: file.description,
      maxPoints: file.maxPoints,
      veto: file.veto as Prisma.InputJsonValue,
      createdById,
      nodes: {
        create: nodes.map((n, position) => ({
          position,
          code: n.code,
          name: n.name,
          parentCode: n.parent,
          maxPoints: n.maxPoints,
          combine: n.method ? null : (n.combine ?? 'sum'),
          method: n.method ? (n.method as Prisma.InputJsonValue) : undefined,
          source: n.source,
          unit: n.unit,
          description: n.description,
        })),
      },
    },
    select: { id: true, version: true },
  })
}
