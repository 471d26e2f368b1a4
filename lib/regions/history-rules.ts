import type { RegionLevel } from '@/lib/access/roles'
import { codeProblem, type CodeProblem } from './rules'

// Regions over time (docs/decisions/0011-effective-dated-regions.md). Pure rules, no database.
//
// A region row is valid from `validFrom` (inclusive; null: since before the records) to `validTo`
// (exclusive: the effective date of the change that ended it; null: current). A row never changes
// its parent: a village that moves to another township ends, and a new row under the new township
// takes its place, linked to it. A rename keeps the row; its old name is kept with the change.
// Dates are ISO yyyy-mm-dd strings, which compare as dates.

export interface Dated {
  validFrom: string | null
  validTo: string | null
}

/** Whether a region is valid on `date`. */
export function validOn(region: Dated, date: string): boolean {
  return (region.validFrom === null || region.validFrom <= date) && (region.validTo === null || date < region.validTo)
}

export interface Rename {
  regionId: number
  effectiveOn: string
  oldName: string
  newName: string
}

/** The name a region had on `date`: the old name of the first rename after it, else its name now. */
export function nameOn(region: { id: number; name: string }, renames: readonly Rename[], date: string): string {
  const later = renames.filter((r) => r.regionId === region.id && r.effectiveOn > date).sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : 1))
  return later[0]?.oldName ?? region.name
}

export interface TreeRegion extends Dated {
  id: number
  parentId: number | null
  code: string
  name: string
}

/** The regions of a tree valid on `date`, with the names they had then, in code order. */
export function treeOn<R extends TreeRegion>(regions: readonly R[], renames: readonly Rename[], date: string): R[] {
  return regions
    .filter((r) => validOn(r, date))
    .map((r) => ({ ...r, name: nameOn(r, renames, date) }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}

export interface Link {
  fromId: number
  toId: number
}

/**
 * The row that stood for the same place as `id` on `date`: itself when valid then, else its
 * predecessor (for a date before it began) or successor (for a date after it ended), followed
 * through as many changes as needed. Villages are moved whole, so each village row has at most one
 * of each. Null when there was none (a village created later, not out of another).
 */
export function counterpartOn(id: number, date: string, regions: ReadonlyMap<number, Dated>, links: readonly Link[]): number | null {
  let current = id
  for (let step = 0; step < 100; step++) {
    const region = regions.get(current)
    if (!region) return null
    if (region.validFrom !== null && date < region.validFrom) {
      const before = links.find((l) => l.toId === current)
      if (!before) return null
      current = before.fromId
    } else if (region.validTo !== null && date >= region.validTo) {
      const after = links.find((l) => l.fromId === current)
      if (!after) return null
      current = after.toId
    } else {
      return current
    }
  }
  return null
}

/** Village rows that stand for another row on `date`, with that row and its township (for the report queries). */
export interface VillageMap {
  cur: number[]
  village: number[]
  township: number[]
}

export function villageMapOn(villages: ReadonlyMap<number, Dated & { parentId: number | null }>, links: readonly Link[], date: string): VillageMap {
  const out: VillageMap = { cur: [], village: [], township: [] }
  for (const id of [...villages.keys()].sort((a, b) => a - b)) {
    const then = counterpartOn(id, date, villages, links)
    if (then === null || then === id) continue
    const parent = villages.get(then)?.parentId
    if (parent == null) continue
    out.cur.push(id)
    out.village.push(then)
    out.township.push(parent)
  }
  return out
}

// ------------------------------------------------------------------ recording a change

export type ChangeKind = 'SPLIT' | 'MERGE' | 'RENAME' | 'MOVE'

export interface ChangeRegion extends Dated {
  id: number
  code: string
  name: string
  level: RegionLevel
  parentId: number | null
  active: boolean
  /** the latest rename of it, if any */
  lastRenameOn: string | null
}

export type ChangeProblem =
  | { key: 'unknownRegion' }
  | { key: 'ended'; name: string }
  | { key: 'future' }
  | { key: 'beforeExists'; name: string; date: string }
  | { key: 'overlaps'; name: string; date: string }
  | { key: 'periodApproved'; name: string; date: string }
  | { key: 'unassigned'; names: string }
  | { key: 'tooFewNew' }
  | { key: 'tooFewMerged' }
  | { key: 'sameTownship' }
  | { key: 'sameName' }
  | { key: 'duplicateNewCode'; code: string }
  | { key: 'badNewCode'; code: string; problem: CodeProblem }
  | { key: 'wrongLevel'; name: string }

/**
 * The date rules every change obeys, for each region it touches: it takes effect on or before
 * today (a change is recorded once in force, so the register is never ahead of the document), after
 * the region began (a change dated before it existed is refused) and after any earlier change of
 * it (two changes of one region on one day, or out of order, overlap).
 */
export function dateProblem(effectiveOn: string, today: string, regions: readonly ChangeRegion[]): ChangeProblem | null {
  if (effectiveOn > today) return { key: 'future' }
  for (const r of regions) {
    if (r.validTo !== null || !r.active) return { key: 'ended', name: r.name }
    if (r.validFrom !== null && effectiveOn < r.validFrom) return { key: 'beforeExists', name: r.name, date: r.validFrom }
    if (r.validFrom !== null && effectiveOn === r.validFrom) return { key: 'overlaps', name: r.name, date: r.validFrom }
    if (r.lastRenameOn !== null && effectiveOn <= r.lastRenameOn) return { key: 'overlaps', name: r.name, date: r.lastRenameOn }
  }
  return null
}

/** The villages no new township was chosen for, by name; empty when all are assigned. */
export function unassigned(villages: readonly { id: number; name: string }[], assignment: ReadonlyMap<number, unknown>): string[] {
  return villages.filter((v) => !assignment.has(v.id)).map((v) => v.name)
}

/** The new townships' codes: valid township codes of the county, none taken, none twice. */
export function newCodeProblem(codes: readonly string[], countyCode: string, taken: ReadonlySet<string>): ChangeProblem | null {
  const seen = new Set<string>()
  for (const code of codes) {
    const problem = codeProblem(code, 'TOWNSHIP', countyCode)
    if (problem) return { key: 'badNewCode', code, problem }
    if (seen.has(code) || taken.has(code)) return { key: 'duplicateNewCode', code }
    seen.add(code)
  }
  return null
}

/**
 * The code of a village or group that moves under a township with code `township`: the same last
 * three digits under the new township's nine, or, when that is taken, the first free number from
 * 001 up (a code never ends in 000). `taken` is updated with the code chosen.
 */
export function rebasedCode(oldCode: string, township: string, taken: Set<string>): string {
  const prefix = township.slice(0, 9)
  const preferred = prefix + oldCode.slice(9)
  let code = preferred
  for (let n = 1; taken.has(code) || code.endsWith('000'); n++) {
    if (n > 999) throw new Error(`no free code under ${prefix}`)
    code = prefix + String(n).padStart(3, '0')
  }
  taken.add(code)
  return code
}
