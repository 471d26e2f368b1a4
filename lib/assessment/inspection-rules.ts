// Inspections (督查), rectification (整改台账) and sample verification (抽样核查): pure rules, no
// database. The service (inspections.ts) loads rows and asks these functions what is allowed.

import { rank, roundPoints, wilsonInterval, type Ranked } from './rules'

/** One line of a score sheet: copied from the county's template into a round, then frozen there. */
export interface SheetItem {
  code: string
  /** the group it is printed under (组织领导, 基础工作 …) */
  group: string
  name: string
  maxPoints: number
  /** how points are deducted (每缺一项扣 1 分) */
  guidance: string
}

export type SheetProblem =
  { kind: 'empty' } | { kind: 'duplicateCode'; code: string } | { kind: 'badPoints'; code: string } | { kind: 'missingName'; code: string }

/** Checks a template's items: at least one, codes unique, every maximum a positive number. */
export function sheetProblems(items: readonly SheetItem[]): SheetProblem[] {
  if (items.length === 0) return [{ kind: 'empty' }]
  const problems: SheetProblem[] = []
  const seen = new Set<string>()
  for (const item of items) {
    if (seen.has(item.code)) problems.push({ kind: 'duplicateCode', code: item.code })
    seen.add(item.code)
    if (!Number.isFinite(item.maxPoints) || item.maxPoints <= 0) problems.push({ kind: 'badPoints', code: item.code })
    if (!item.name.trim()) problems.push({ kind: 'missingName', code: item.code })
  }
  return problems
}

export function sheetMaximum(items: readonly SheetItem[]): number {
  return roundPoints(items.reduce((sum, i) => sum + i.maxPoints, 0))
}

/** Why a score cannot be accepted for an item, or null: negative, above the maximum, more than two decimals. */
export function scoreProblem(points: number, item: Pick<SheetItem, 'maxPoints'>): 'negative' | 'aboveMaximum' | 'tooPrecise' | null {
  if (points < 0) return 'negative'
  if (points > item.maxPoints + 1e-9) return 'aboveMaximum'
  if (Math.abs(points * 100 - Math.round(points * 100)) > 1e-6) return 'tooPrecise'
  return null
}

/** A township's total on a round: the sum of its scored items; complete when every item has a score. */
export function sheetTotal(items: readonly SheetItem[], scores: ReadonlyMap<string, number>): { total: number; scored: number; complete: boolean } {
  let total = 0
  let scored = 0
  for (const item of items) {
    const points = scores.get(item.code)
    if (points === undefined) continue
    total += points
    scored += 1
  }
  return { total: roundPoints(total), scored, complete: scored === items.length }
}

/** The round's ranking: equal totals share a place (1, 2, 2, 4), by the assessment's ranking rule (no vetoes). */
export function rankRound(totals: readonly { townshipId: number; total: number }[]): Ranked[] {
  return rank(
    totals.map((t) => ({ unit: t.townshipId, score: t.total, vetoes: 0 })),
    { effect: 'excludeFromAwards' },
  )
}

// ---------------------------------------------------------------- rectification

export type RectificationStatus = 'OPEN' | 'SUBMITTED' | 'CLOSED'
export type RectificationStep = 'submit' | 'close' | 'refuse'

/**
 * The ledger's states: OPEN (the township works on it) → SUBMITTED (measures and evidence entered,
 * waiting for an inspector) → CLOSED (销号), or back to OPEN when the inspector refuses with a
 * reason (re-inspection). A step not allowed from the state is refused with the key of its message.
 */
export function rectificationStep(
  status: RectificationStatus,
  step: RectificationStep,
  facts: { measures: string; evidence: number; reason?: string },
): { ok: true; next: RectificationStatus } | { ok: false; error: RectificationError } {
  if (status === 'CLOSED') return { ok: false, error: 'closed' }
  switch (step) {
    case 'submit':
      if (!facts.measures.trim()) return { ok: false, error: 'measuresRequired' }
      if (facts.evidence === 0) return { ok: false, error: 'evidenceRequired' }
      return { ok: true, next: 'SUBMITTED' }
    case 'close':
      if (facts.evidence === 0) return { ok: false, error: 'evidenceRequired' }
      if (status !== 'SUBMITTED') return { ok: false, error: 'notSubmitted' }
      return { ok: true, next: 'CLOSED' }
    case 'refuse':
      if (status !== 'SUBMITTED') return { ok: false, error: 'notSubmitted' }
      if (!facts.reason?.trim()) return { ok: false, error: 'reasonRequired' }
      return { ok: true, next: 'OPEN' }
  }
}
export type RectificationError = 'closed' | 'measuresRequired' | 'evidenceRequired' | 'notSubmitted' | 'reasonRequired'

/** Open (not closed) and past its due day; due today is not yet overdue. */
export function isOverdue(item: { status: RectificationStatus; dueOn: string }, today: string): boolean {
  return item.status !== 'CLOSED' && item.dueOn < today
}

// ---------------------------------------------------------------- sample verification

/**
 * A seeded generator (mulberry32 over a 32-bit hash of the seed text): the same seed gives the same
 * numbers on every machine and version of Node, which Math.random does not promise.
 */
export function seededRandom(seed: string): () => number {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
  let a = h >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * How many households each village gets: proportional to its households (largest remainders, ties
 * to the lower village id), never more than it has. The sizes add up to min(size, all households).
 */
export function allocateSample(strata: ReadonlyMap<number, number>, size: number): Map<number, number> {
  const villages = [...strata.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0])
  const total = villages.reduce((s, [, n]) => s + n, 0)
  const want = Math.min(size, total)
  const out = new Map<number, number>(villages.map(([v]) => [v, 0]))
  if (want <= 0) return out
  const quotas = villages.map(([v, n]) => ({ v, n, q: (want * n) / total }))
  let given = 0
  for (const x of quotas) {
    const k = Math.min(x.n, Math.floor(x.q))
    out.set(x.v, k)
    given += k
  }
  const byRemainder = [...quotas].sort((a, b) => b.q - Math.floor(b.q) - (a.q - Math.floor(a.q)) || a.v - b.v)
  while (given < want) {
    let moved = false
    for (const x of byRemainder) {
      if (given >= want) break
      if (out.get(x.v)! < x.n) {
        out.set(x.v, out.get(x.v)! + 1)
        given += 1
        moved = true
      }
    }
    if (!moved) break
  }
  return out
}

/**
 * Draws a stratified random sample: households grouped by village, each village's share by
 * allocateSample, chosen in each village by a seeded partial Fisher–Yates shuffle of its households
 * sorted by id. The same households, seed and size give the same sample.
 */
export function drawSample(households: readonly { id: number; villageId: number }[], size: number, seed: string): { id: number; villageId: number }[] {
  const byVillage = new Map<number, number[]>()
  for (const h of households) byVillage.set(h.villageId, [...(byVillage.get(h.villageId) ?? []), h.id])
  const allocation = allocateSample(new Map([...byVillage].map(([v, ids]) => [v, ids.length])), size)
  const random = seededRandom(seed)
  const out: { id: number; villageId: number }[] = []
  for (const [villageId, k] of [...allocation].sort((a, b) => a[0] - b[0])) {
    const ids = [...byVillage.get(villageId)!].sort((a, b) => a - b)
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (ids.length - i))
      ;[ids[i], ids[j]] = [ids[j], ids[i]]
      out.push({ id: ids[i], villageId })
    }
  }
  return out
}

export const SAMPLE_OUTCOMES = ['CORRECT', 'FIELD_WRONG', 'NOT_FOUND', 'UNREGISTERED'] as const
export type SampleOutcome = (typeof SAMPLE_OUTCOMES)[number]

/** The fields an inspector can name as wrong. */
export const SAMPLE_FIELDS = ['name', 'idNumber', 'birthDate', 'sex', 'address', 'residence', 'relation', 'marital'] as const

export interface SampleRates {
  /** households verified so far */
  checked: number
  drawn: number
  counts: Record<SampleOutcome, number>
  /** register errors (a field wrong or the person not found) among the verified households, with its 95% Wilson interval */
  errorRate: { rate: number; low: number; high: number } | null
  /** households with someone living there but not registered, among the verified households */
  missingRate: { rate: number; low: number; high: number } | null
}

/** The township's register error rate and estimated missing-registration rate from the verified households. */
export function sampleRates(outcomes: readonly (SampleOutcome | null)[]): SampleRates {
  const counts: Record<SampleOutcome, number> = { CORRECT: 0, FIELD_WRONG: 0, NOT_FOUND: 0, UNREGISTERED: 0 }
  for (const o of outcomes) if (o) counts[o] += 1
  const checked = counts.CORRECT + counts.FIELD_WRONG + counts.NOT_FOUND + counts.UNREGISTERED
  return {
    checked,
    drawn: outcomes.length,
    counts,
    errorRate: wilsonInterval(counts.FIELD_WRONG + counts.NOT_FOUND, checked),
    missingRate: wilsonInterval(counts.UNREGISTERED, checked),
  }
}
