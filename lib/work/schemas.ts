import { z } from 'zod'
import { choice, dateText, formKey, freeText, id, nameText, optional, optionalDate, optionalInt, requiredInt } from '@/lib/validation/fields'
import { decimalOf } from '@/lib/assessment/schemas'
import { optionalFile } from '@/lib/services/schemas'

/** A date that must be given: an empty field is "required". */
const requiredDate = z.preprocess((v) => v ?? '', z.string().trim().min(1, { error: 'errors.required', abort: true }).pipe(dateText))

/** A decimal number that must be given (targets, weights, progress). */
function requiredDecimal(min: number, max: number) {
  return z
    .unknown()
    .transform(decimalOf)
    .refine((v) => v !== null, { error: 'errors.required', abort: true })
    .refine((v) => v !== null && !Number.isNaN(v) && v >= min && v <= max, { error: 'work.errors.number' })
    .transform((v) => v as number)
}

// ------------------------------------------------------------------ tasks

/** A task to a unit below (or a named person in scope). */
export const issueTaskSchema = z.object({
  title: freeText(100),
  details: freeText(2000),
  dueOn: requiredDate,
  /** "r:<regionId>" for a unit below, "u:<userId>" for a named person in scope */
  assignee: z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required', abort: true })
    .regex(/^[ru]:[1-9]\d{0,9}$/, { error: 'errors.invalid' })
    .transform((v): { regionId: number } | { userId: number } => (v.startsWith('r:') ? { regionId: Number(v.slice(2)) } : { userId: Number(v.slice(2)) })),
  formKey: optional(formKey),
})
export type IssueTaskInput = z.output<typeof issueTaskSchema>

/** The assignee reports the task done: what was done (evidence), with a file if there is one. */
export const reportTaskSchema = z.object({ taskId: id, evidence: freeText(2000), attachment: optionalFile })
export type ReportTaskInput = z.output<typeof reportTaskSchema>

/** The issuer's check: accept, or return with a reason. */
export const checkTaskSchema = z
  .object({ taskId: id, decision: choice(['accept', 'return'] as const), reason: optional(freeText(500)) })
  .superRefine((input, ctx) => {
    if (input.decision === 'return' && !input.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'work.errors.reasonRequired' })
  })
export type CheckTaskInput = z.output<typeof checkTaskSchema>

/** The county's warning days before a task's due date. */
export const warningDaysSchema = z.object({ warningDays: requiredInt(0, 20) })

/** The task list's filter: a month, a state; malformed is ignored. */
export const taskFilterSchema = z.object({
  month: z
    .string()
    .regex(/^(19\d\d|20\d\d)-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  view: z.enum(['mine', 'issued']).optional().catch(undefined),
})

// ------------------------------------------------------------------ agreements

export const agreementSchema = z.object({
  year: requiredInt(2000, 2100),
  partyRegionId: id,
  title: freeText(100),
  issuerSignatory: nameText(50),
  partySignatory: nameText(50),
  signedOn: optionalDate,
  scan: optionalFile,
  formKey: optional(formKey),
})
export type AgreementInput = z.output<typeof agreementSchema>

/** One target: a source's key (or none: the label says what), target, unit and weight. */
export const agreementItemSchema = z
  .object({
    agreementId: id,
    sourceKey: optional(z.string().regex(/^[a-z]+\.[A-Za-z0-9]+$/, { error: 'errors.invalid' })),
    label: optional(freeText(200)),
    target: requiredDecimal(-1e9, 1e9),
    unit: freeText(20),
    weight: requiredDecimal(0.01, 1000),
  })
  .superRefine((input, ctx) => {
    if (!input.sourceKey && !input.label) ctx.addIssue({ code: 'custom', path: ['label'], message: 'work.errors.labelOrSource' })
  })
export type AgreementItemInput = z.output<typeof agreementItemSchema>

/** Progress entered by hand against a target without a source. */
export const progressSchema = z.object({ itemId: id, progress: requiredDecimal(-1e9, 1e9), progressOn: requiredDate })
export type ProgressInput = z.output<typeof progressSchema>

/** Attach (or replace) the signed scan of an agreement. */
export const scanSchema = z.object({
  agreementId: id,
  scan: z.instanceof(File, { error: 'errors.required' }).refine((f) => f.size > 0, { error: 'errors.required' }),
})

export const agreementYearSchema = z.object({ year: optionalInt(2000, 2100).catch(undefined) })
