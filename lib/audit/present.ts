import { isMessageKey, type MessageKey, type Translate } from '@/lib/i18n/core'
import { chinaTime, isRegisterEntity, type AuditChange } from './rules'

// How an audit event reads: field labels and values in the user's language, times in China time.

function firstKey(candidates: string[]): MessageKey | null {
  return (candidates.find((k) => isMessageKey(k)) as MessageKey | undefined) ?? null
}

/** A field's label (a register entity's fields read as the register names them); a field without a label shows its name. */
export function fieldLabel(t: Translate, field: string, entity = ''): string {
  const register = [`registry.fields.${field}`, `registry.events.${field}`]
  const own = `audit.fields.${field}`
  const key = firstKey(isRegisterEntity(entity) ? [...register, own] : [own, ...register])
  return key ? t(key) : field
}

// Fields whose values are codes with a name in the messages.
const ENUMS: Record<string, string[]> = {
  sex: ['registry.sex'],
  relation: ['registry.relation'],
  residence: ['registry.residence'],
  role: ['roles'],
  level: ['levels'],
  kind: ['reports.kind'],
  direction: ['migration.direction'],
  type: ['registry.events.types', 'registry.householdType'],
}

/** A value as people read it: codes named, yes/no, China time, lists and records spelled out. */
export function formatValue(t: Translate, field: string, value: unknown, entity = ''): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    const key = firstKey((ENUMS[field] ?? []).map((prefix) => `${prefix}.${value}`))
    return key ? t(key) : chinaTime(value)
  }
  if (Array.isArray(value)) return value.map((v) => formatValue(t, field, v, entity)).join(t('audit.listSeparator'))
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => t('audit.fieldValue', { field: fieldLabel(t, k, entity), value: formatValue(t, k, v, entity) }))
      .join(t('audit.separator'))
  }
  return String(value)
}

/** One change as a line: "姓名：张三 → 张三丰", "地址：…" (created), or just the label (values withheld). */
export function changeLine(t: Translate, change: AuditChange, entity: string): string {
  const label = fieldLabel(t, change.field, entity)
  const value = (v: unknown) => formatValue(t, change.field, v, entity)
  const hasBefore = 'before' in change
  const hasAfter = 'after' in change
  if (!hasBefore && !hasAfter) return label
  if (hasBefore && hasAfter) return t('audit.fieldValue', { field: label, value: `${value(change.before)} → ${value(change.after)}` })
  return t('audit.fieldValue', { field: label, value: value(hasAfter ? change.after : change.before) })
}
