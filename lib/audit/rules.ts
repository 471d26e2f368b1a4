// Pure audit rules: which events carry residents' data, and what an event changed, field by field.
// No database.

/**
 * Entities of the population register (and of the modules standing on it) whose before/after
 * values are residents' data: names, birth dates, addresses, answers about them. Their values are
 * shown only to someone who may see that register row; everyone else sees which fields changed.
 */
export const REGISTER_ENTITIES: ReadonlySet<string> = new Set([
  'Household',
  'Person',
  'LifeEvent',
  'RegisterChange',
  'ExchangeRequest',
  'QualityFinding',
  // services to residents (lib/services)
  'ServiceRecord',
  'SpecialFamily',
])

export function isRegisterEntity(entity: string): boolean {
  return REGISTER_ENTITIES.has(entity)
}

export interface AuditChange {
  field: string
  /** absent when the viewer may not see the values (or the event has no before/after) */
  before?: unknown
  after?: unknown
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * The fields an event changed: with both a before and an after, those that differ; with only an
 * after (something created), its non-empty fields; with only a before, its fields. A value that is
 * not an object is one change of the field "value". Values are left out when `withValues` is false.
 */
export function auditChanges(before: unknown, after: unknown, withValues: boolean): AuditChange[] {
  const b = before ?? null
  const a = after ?? null
  if (b === null && a === null) return []
  if ((b !== null && !isObject(b)) || (a !== null && !isObject(a))) {
    return [withValues ? { field: 'value', before: b ?? undefined, after: a ?? undefined } : { field: 'value' }]
  }
  const bo = (b ?? {}) as Record<string, unknown>
  const ao = (a ?? {}) as Record<string, unknown>
  const fields = [...new Set([...Object.keys(bo), ...Object.keys(ao)])]
  const changed = fields.filter((f) => {
    if (b !== null && a !== null) return !same(bo[f], ao[f])
    const v = a !== null ? ao[f] : bo[f]
    return v !== null && v !== undefined && v !== ''
  })
  return changed.map((field) => {
    if (!withValues) return { field }
    const change: AuditChange = { field }
    if (b !== null) change.before = bo[field] ?? null
    if (a !== null) change.after = ao[field] ?? null
    return change
  })
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** A stored timestamp (ISO, UTC) as China time, "2026-11-28 21:40:05"; anything else as it is. */
export function chinaTime(value: string): string {
  if (!DATE_TIME.test(value)) return value
  const at = new Date(value)
  if (Number.isNaN(at.getTime())) return value
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
}
