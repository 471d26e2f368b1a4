import { z } from 'zod'
import { formKey, freeText, id, isBlank, optional, optionalId } from '@/lib/validation/fields'

// Form schemas of the assessment module (the scheme file's own schema is in format.ts).

/** A statistical year as a form sends it: four digits. */
export const statYearField = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { error: 'errors.required', abort: true })
  .regex(/^(19|20)\d{2}$/, { error: 'errors.invalid' })
  .transform(Number)

/** A decimal number as typed ("12.5", "-10", "1,234"); null when the field is empty; NaN when not a number. */
export function decimalOf(value: unknown): number | null {
  if (isBlank(value)) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN
  if (typeof value !== 'string') return Number.NaN
  const text = value.trim().replace(/[,，\s]/g, '')
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text) && Math.abs(Number(text)) < 1e12 ? Number(text) : Number.NaN
}

/** The scheme editor and the import: the JSON as typed, or a file. */
export const schemeFormSchema = z.object({
  json: z.string().max(500_000, { error: 'errors.tooLong' }).optional(),
  file: z.instanceof(File).optional(),
})

/** Hand-entered values: fields named v:<indicator code>:<township id>, and e:<indicator code> for the evidence. */
export const valuesFormSchema = z
  .object({ schemeId: id, periodKey: z.string().regex(/^\d{4}$/, { error: 'errors.invalid' }) })
  .catchall(z.unknown())
  .transform((form, ctx) => {
    const cells: { code: string; townshipId: number; value: number | null }[] = []
    const evidence: Record<string, string> = {}
    for (const [key, raw] of Object.entries(form)) {
      const cell = /^v:([A-Za-z0-9_.-]{1,40}):(\d{1,9})$/.exec(key)
      if (cell) {
        const value = decimalOf(raw)
        if (value !== null && Number.isNaN(value)) ctx.addIssue({ code: 'custom', path: [key], message: 'assessment.errors.notANumber' })
        else cells.push({ code: cell[1], townshipId: Number(cell[2]), value })
      }
      const ev = /^e:([A-Za-z0-9_.-]{1,40})$/.exec(key)
      if (ev && typeof raw === 'string') {
        if (raw.length > 300) ctx.addIssue({ code: 'custom', path: [key], message: 'errors.tooLong' })
        evidence[ev[1]] = raw.trim()
      }
    }
    return { schemeId: form.schemeId, periodKey: form.periodKey, cells, evidence, via: 'form' as const }
  })
export type ValuesInput = {
  schemeId: number
  periodKey: string
  cells: { code: string; townshipId: number; value: number | null }[]
  evidence: Record<string, string>
  via: 'form' | 'xlsx'
}

export const valuesImportSchema = z.object({
  schemeId: id,
  periodKey: z.string().regex(/^\d{4}$/, { error: 'errors.invalid' }),
  evidence: optional(z.string().trim().max(300, { error: 'errors.tooLong' })),
  file: z.instanceof(File, { error: 'assessment.errors.chooseFile' }),
})

export const runFormSchema = z.object({
  schemeId: id,
  statYear: statYearField,
  title: freeText(120),
  correctsId: optionalId,
  reason: optional(freeText(500)),
  formKey: optional(formKey),
})
export type RunInput = z.output<typeof runFormSchema>

const entryFields = { runId: id, townshipId: id, reason: freeText(300), document: freeText(200), formKey: optional(formKey) }
export type EntryInput = { runId: number; townshipId: number; reason: string; document: string; formKey?: string }

/** Points of a commendation (+) or criticism (−): a non-zero number up to 1,000 either way. */
export const adjustmentFormSchema = z.object({
  ...entryFields,
  points: z
    .unknown()
    .transform(decimalOf)
    .refine((v) => v !== null, { error: 'errors.required', abort: true })
    .refine((v) => v !== null && !Number.isNaN(v) && v !== 0 && Math.abs(v) <= 1000, { error: 'assessment.errors.adjustmentPoints' })
    .transform((v) => v as number),
})

export const vetoFormSchema = z.object(entryFields)

export const removeEntryFormSchema = z.object({ runId: id, kind: z.enum(['adjustment', 'veto'], { error: 'errors.invalid' }), entryId: id })

export const publishFormSchema = z.object({ runId: id })
