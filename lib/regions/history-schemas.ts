import { z } from 'zod'
import { dateText, freeText, id, optional } from '@/lib/validation/fields'
import { regionCode, regionName } from './schemas'

// The region-change forms. Each kind has its own fields; the village assignments of a split are
// fields named assign_<village id> (value: the new township's number, 0-based), the townships of
// a merger merge_<township id>, so one form posts them without repeated keys.

const documentFields = {
  effectiveOn: dateText,
  documentNo: freeText(100),
  documentTitle: freeText(200),
  mode: z.enum(['preview', 'commit']).default('preview'),
}

/** Up to four new townships of a split; a pair left empty is not given, one half filled is an error. */
export const MAX_SPLIT_PARTS = 4

const assignments = (raw: Record<string, unknown>) => {
  const out = new Map<number, number>()
  for (const [key, value] of Object.entries(raw)) {
    const m = /^assign_(\d{1,10})$/.exec(key)
    if (m && typeof value === 'string' && /^\d$/.test(value)) out.set(Number(m[1]), Number(value))
  }
  return out
}
const checkedIds = (raw: Record<string, unknown>, prefix: string) =>
  Object.entries(raw)
    .map(([key, value]) => (value === 'on' ? new RegExp(`^${prefix}_(\\d{1,10})$`).exec(key) : null))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))

const splitBase = z
  .looseObject({
    kind: z.literal('SPLIT'),
    townshipId: id,
    ...documentFields,
    ...Object.fromEntries(
      Array.from({ length: MAX_SPLIT_PARTS }, (_, i) => [
        [`code${i}`, optional(regionCode)],
        [`name${i}`, optional(regionName)],
      ]).flat(),
    ),
  })
  .superRefine((v, ctx) => {
    for (let i = 0; i < MAX_SPLIT_PARTS; i++) {
      const code = v[`code${i}`]
      const name = v[`name${i}`]
      if (code && !name) ctx.addIssue({ code: 'custom', path: [`name${i}`], message: 'errors.required' })
      if (name && !code) ctx.addIssue({ code: 'custom', path: [`code${i}`], message: 'errors.required' })
    }
  })

export const splitSchema = splitBase.transform((v) => ({
  kind: 'SPLIT' as const,
  townshipId: v.townshipId as number,
  effectiveOn: v.effectiveOn as string,
  documentNo: v.documentNo as string,
  documentTitle: v.documentTitle as string,
  mode: v.mode as 'preview' | 'commit',
  parts: Array.from({ length: MAX_SPLIT_PARTS }, (_, i) => ({ code: v[`code${i}`] as string | undefined, name: v[`name${i}`] as string | undefined })).filter(
    (p): p is { code: string; name: string } => !!p.code && !!p.name,
  ),
  assign: assignments(v),
}))

export const mergeSchema = z.looseObject({ kind: z.literal('MERGE'), code: regionCode, name: regionName, ...documentFields }).transform((v) => ({
  kind: 'MERGE' as const,
  code: v.code as string,
  name: v.name as string,
  effectiveOn: v.effectiveOn as string,
  documentNo: v.documentNo as string,
  documentTitle: v.documentTitle as string,
  mode: v.mode as 'preview' | 'commit',
  townshipIds: checkedIds(v, 'merge'),
}))

export const renameSchema = z.object({ kind: z.literal('RENAME'), regionId: id, name: regionName, ...documentFields })

export const moveSchema = z.object({ kind: z.literal('MOVE'), villageId: id, toTownshipId: id, ...documentFields })

const BY_KIND = { SPLIT: splitSchema, MERGE: mergeSchema, RENAME: renameSchema, MOVE: moveSchema }
type ChangeForm = z.output<(typeof BY_KIND)[keyof typeof BY_KIND]>

/**
 * The form of one kind, chosen by its `kind` field, so a bad field is reported on that field (a
 * plain union would report only that none of the four matched).
 */
export const regionChangeSchema = z.looseObject({ kind: z.enum(['SPLIT', 'MERGE', 'RENAME', 'MOVE']) }).transform((value, ctx): ChangeForm => {
  const parsed = BY_KIND[value.kind].safeParse(value)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  return z.NEVER
})

interface DocumentInput {
  effectiveOn: string
  documentNo: string
  documentTitle: string
}
/** What the service is given: one of the four kinds, with its document. */
export type RegionChangeInput = DocumentInput &
  (
    | { kind: 'SPLIT'; townshipId: number; parts: { code: string; name: string }[]; assign: Map<number, number> }
    | { kind: 'MERGE'; townshipIds: number[]; code: string; name: string }
    | { kind: 'RENAME'; regionId: number; name: string }
    | { kind: 'MOVE'; villageId: number; toTownshipId: number }
  )

/** The regions page's date: yyyy-mm-dd, or nothing (today). */
export const asOfParam = optional(dateText).catch(undefined)
