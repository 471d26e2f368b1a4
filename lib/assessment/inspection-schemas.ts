import { z } from 'zod'
import { ATTACHMENT_MAX_BYTES } from '@/lib/attachments/rules'
import { dateText, formKey, freeText, id, optional, optionalId, requiredInt } from '@/lib/validation/fields'
import { decimalOf, statYearField } from './schemas'
import { SAMPLE_FIELDS, SAMPLE_OUTCOMES, type SheetItem } from './inspection-rules'

// Form schemas of inspections, rectification and sample verification.

const requiredDate = z.preprocess((v) => v ?? '', z.string().trim().min(1, { error: 'errors.required', abort: true }).pipe(dateText))

const fileOf = (v: unknown) => ((v instanceof File && v.size === 0) || v === '' ? undefined : v)
const optionalPhoto = z.preprocess(
  fileOf,
  z
    .instanceof(File, { error: 'errors.invalid' })
    .refine((f) => f.size <= ATTACHMENT_MAX_BYTES, { error: 'attachments.errors.tooLarge' })
    .optional(),
)

/**
 * A template's items as typed, one a line: 分组 | 编号 | 项目 | 满分 | 扣分说明. A line that does not
 * parse is an error on the field naming the line.
 */
export function parseTemplateLines(text: string): { ok: true; items: SheetItem[] } | { ok: false; line: number } {
  const items: SheetItem[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    const parts = line.split(/[|｜]/).map((s) => s.trim())
    const max = decimalOf(parts[3])
    if (parts.length < 4 || !parts[0] || !/^[A-Za-z0-9_.-]{1,40}$/.test(parts[1]) || !parts[2] || max === null || Number.isNaN(max))
      return { ok: false, line: i + 1 }
    items.push({ group: parts[0].slice(0, 40), code: parts[1], name: parts[2].slice(0, 120), maxPoints: max, guidance: (parts[4] ?? '').slice(0, 300) })
  }
  return { ok: true, items }
}

export const templateFormSchema = z.object({ name: freeText(120), lines: freeText(20_000) })

export const roundFormSchema = z.object({
  title: freeText(120),
  statYear: statYearField,
  templateId: id,
  startsOn: requiredDate,
  endsOn: requiredDate,
  formKey: optional(formKey),
})
export type RoundInput = z.output<typeof roundFormSchema>

/** A team: its name, and checkboxes m:<user id> for its inspectors and t:<township id> for the townships it visits. */
export const teamFormSchema = z
  .object({ roundId: id, name: freeText(60) })
  .catchall(z.unknown())
  .transform((form, ctx) => {
    const pick = (prefix: string) =>
      Object.keys(form)
        .map((k) => new RegExp(`^${prefix}:(\\d{1,9})$`).exec(k))
        .flatMap((m) => (m ? [Number(m[1])] : []))
    const memberIds = pick('m')
    const townshipIds = pick('t')
    if (memberIds.length === 0) ctx.addIssue({ code: 'custom', path: ['memberIds'], message: 'inspections.errors.chooseInspector' })
    if (townshipIds.length === 0) ctx.addIssue({ code: 'custom', path: ['townshipIds'], message: 'inspections.errors.chooseTownship' })
    return { roundId: form.roundId as number, name: form.name as string, memberIds, townshipIds }
  })

/** The score sheet of one township: p:<code> points, n:<code> note, f:<code> a photo; an empty points field is "not scored". */
export const scoresFormSchema = z
  .object({ roundId: id, townshipId: id })
  .catchall(z.unknown())
  .transform((form, ctx) => {
    const scores: { code: string; points: number | null; note: string; photo?: File }[] = []
    const byCode = new Map<string, (typeof scores)[number]>()
    const entry = (code: string) => {
      let e = byCode.get(code)
      if (!e) {
        e = { code, points: null, note: '' }
        byCode.set(code, e)
        scores.push(e)
      }
      return e
    }
    for (const [key, raw] of Object.entries(form)) {
      const m = /^([pnf]):([A-Za-z0-9_.-]{1,40})$/.exec(key)
      if (!m) continue
      const e = entry(m[2])
      if (m[1] === 'p') {
        const value = decimalOf(raw)
        if (value !== null && Number.isNaN(value)) ctx.addIssue({ code: 'custom', path: [key], message: 'assessment.errors.notANumber' })
        e.points = value
      } else if (m[1] === 'n') {
        const note = typeof raw === 'string' ? raw.trim() : ''
        if (note.length > 500) ctx.addIssue({ code: 'custom', path: [key], message: 'errors.tooLong' })
        e.note = note
      } else {
        const file = fileOf(raw)
        if (file instanceof File) {
          if (file.size > ATTACHMENT_MAX_BYTES) ctx.addIssue({ code: 'custom', path: [key], message: 'attachments.errors.tooLarge' })
          e.photo = file
        }
      }
    }
    return { roundId: form.roundId as number, townshipId: form.townshipId as number, scores }
  })
export type ScoresInput = z.output<typeof scoresFormSchema>

export const rectificationFormSchema = z.object({
  roundId: id,
  townshipId: id,
  itemCode: optional(z.string().trim().max(40)),
  finding: freeText(500),
  ownerId: optionalId,
  dueOn: requiredDate,
  formKey: optional(formKey),
})
export type RectificationInput = z.output<typeof rectificationFormSchema>

export const rectificationMeasuresSchema = z.object({
  rectificationId: id,
  measures: freeText(2000),
  evidence: optionalPhoto,
})

export const rectificationReviewSchema = z.object({
  rectificationId: id,
  decision: z.enum(['close', 'refuse'], { error: 'errors.invalid' }),
  reason: optional(freeText(500)),
})

export const publishRoundSchema = z.object({ roundId: id })

export const sampleFormSchema = z.object({
  townshipId: id,
  statYear: statYearField,
  size: requiredInt(1, 2000, { invalid: 'inspections.errors.sampleSize' }),
  /** empty: the server makes one (and stores it) */
  seed: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'inspections.errors.seedFormat' }),
  ),
  formKey: optional(formKey),
})
export type SampleInput = z.output<typeof sampleFormSchema>

export const sampleRecordSchema = z
  .object({
    sampleHouseholdId: id,
    outcome: z.enum(SAMPLE_OUTCOMES, { error: 'errors.required' }),
    wrongField: optional(z.enum(SAMPLE_FIELDS, { error: 'errors.invalid' })),
    note: optional(freeText(300)),
  })
  .refine((v) => v.outcome !== 'FIELD_WRONG' || v.wrongField !== undefined, {
    path: ['wrongField'],
    error: 'inspections.errors.wrongFieldRequired',
  })
