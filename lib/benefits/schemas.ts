import { z } from 'zod'
import {
  choice,
  dateText,
  formKey,
  freeText,
  id,
  nameText,
  optional,
  optionalDate,
  optionalId,
  optionalInt,
  requiredInt,
  version,
} from '@/lib/validation/fields'
import { optionalFile } from '@/lib/services/schemas'
import { ruleSchema } from './rules'

export const APPROVING_LEVELS = ['COUNTY', 'TOWNSHIP'] as const
export const APPLICANTS = ['SELF', 'PARENT'] as const
export const AMOUNT_KINDS = ['ANNUAL', 'ONE_OFF'] as const
export const PAYMENT_CYCLES = ['ANNUAL', 'QUARTERLY', 'MONTHLY'] as const
export const PRO_RATINGS = ['NONE', 'MONTHS'] as const
export const EXIT_REASONS = ['DEATH', 'MOVED_OUT', 'NOT_ELIGIBLE', 'VOLUNTARY'] as const
export const ADVANCE_STEPS = ['ACCEPT', 'INVESTIGATE', 'DELIBERATE', 'REVIEW', 'APPROVE', 'ENROLL'] as const

/** JSON text of a rule (the program's rules, a category's condition), checked by the rule schema. */
const ruleJson = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { error: 'errors.required', abort: true })
  .max(5000, { error: 'errors.tooLong', abort: true })
  .transform((s, ctx) => {
    try {
      const parsed = ruleSchema.safeParse(JSON.parse(s))
      if (parsed.success) return parsed.data
    } catch {
      // not JSON: the same message
    }
    ctx.addIssue({ code: 'custom', message: 'benefits.errors.rules' })
    return z.NEVER
  })

const code = z
  .string({ error: 'errors.required' })
  .trim()
  .toUpperCase()
  .min(1, { error: 'errors.required', abort: true })
  .regex(/^[A-Z][A-Z0-9_]{1,19}$/, { error: 'benefits.errors.code' })

const percent = requiredInt(0, 100)

const programFields = {
  code,
  nameZh: freeText(60),
  nameEn: freeText(120),
  approvingLevel: choice(APPROVING_LEVELS),
  applicant: choice(APPLICANTS),
  rules: ruleJson,
  amountKind: choice(AMOUNT_KINDS),
  paymentCycle: choice(PAYMENT_CYCLES),
  proRating: choice(PRO_RATINGS),
  fundCentral: percent,
  fundProvincial: percent,
  fundCounty: percent,
  noticeDays: requiredInt(1, 60),
}

function checkFunding(input: { fundCentral: number; fundProvincial: number; fundCounty: number }, ctx: z.RefinementCtx) {
  if (input.fundCentral + input.fundProvincial + input.fundCounty !== 100) {
    ctx.addIssue({ code: 'custom', path: ['fundCounty'], message: 'benefits.errors.fundingSum' })
  }
}

export const programSchema = z.object(programFields).superRefine(checkFunding)
export type ProgramInput = z.output<typeof programSchema>

export const updateProgramSchema = z.object({ ...programFields, programId: id, version }).superRefine(checkFunding)
export type UpdateProgramInput = z.output<typeof updateProgramSchema>

export const categorySchema = z.object({
  programId: id,
  code,
  nameZh: freeText(60),
  nameEn: freeText(120),
  condition: optional(ruleJson),
  sortOrder: requiredInt(0, 99),
})
export type CategoryInput = z.output<typeof categorySchema>

/** Yuan with up to two decimals ("960", "1,200.50"), as fen. */
const yuanAmount = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { error: 'errors.required', abort: true })
  .transform((s) => s.replace(/[,，]/g, ''))
  .pipe(z.string().regex(/^\d{1,7}(\.\d{1,2})?$/, { error: 'benefits.errors.amount' }))
  .transform((s) => Math.round(Number(s) * 100))
  .refine((n) => n > 0, { error: 'benefits.errors.amount' })

export const standardSchema = z
  .object({ categoryId: id, validFrom: dateText, validTo: optionalDate, amount: yuanAmount })
  .refine((s) => !s.validTo || s.validTo > s.validFrom, { path: ['validTo'], error: 'benefits.errors.standardDates' })
export type StandardInput = z.output<typeof standardSchema>

const yesNo = z.preprocess((v) => (v === 'yes' ? 'yes' : undefined), z.literal('yes').optional())

/** 申报: the person (for a parent's program, the child and the applying parent), declarations with their evidence. */
export const applySchema = z
  .object({
    programId: id,
    personId: id,
    applicantId: optionalId,
    appliedOn: dateText,
    onlyChildDied: yesNo,
    childDisabilityGrade: optional(z.enum(['1', '2', '3', '4'], { error: 'errors.invalid' })),
    familyPlanningFamily: yesNo,
    evidence: optional(freeText(300)),
    note: optional(freeText(500)),
    attachment: optionalFile,
    formKey: formKey.optional(),
  })
  .superRefine((input, ctx) => {
    const declares = input.onlyChildDied || input.childDisabilityGrade || input.familyPlanningFamily
    if (declares && !input.evidence) ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'benefits.errors.evidenceRequired' })
  })
export type ApplyInput = z.output<typeof applySchema>

export const advanceSchema = z.object({
  applicationId: id,
  version,
  step: choice(ADVANCE_STEPS),
  doneOn: dateText,
  note: optional(freeText(500)),
  attachment: optionalFile,
})
export type AdvanceInput = z.output<typeof advanceSchema>

/** Return one step, or refuse: both need a reason (a refusal's is what the applicant is told). */
export const returnSchema = z.object({ applicationId: id, version, reason: freeText(500) })
export type ReturnInput = z.output<typeof returnSchema>
export const refuseSchema = returnSchema
export type RefuseInput = ReturnInput

/** 公示: every application of the township (or one village) waiting for it goes on one notice. */
export const noticeSchema = z.object({
  villageId: optionalId,
  startsOn: dateText,
  days: optionalInt(1, 60),
  contact: freeText(200),
  formKey: formKey.optional(),
})
export type NoticeInput = z.output<typeof noticeSchema>

export const objectionSchema = z.object({
  applicationId: id,
  raisedBy: nameText(50),
  raisedOn: dateText,
  content: freeText(500),
})
export type ObjectionInput = z.output<typeof objectionSchema>

export const resolveObjectionSchema = z.object({ objectionId: id, resolution: freeText(500), resolvedOn: dateText })
export type ResolveObjectionInput = z.output<typeof resolveObjectionSchema>

export const exitSchema = z.object({
  enrollmentId: id,
  version,
  reason: choice(EXIT_REASONS),
  endsOn: dateText,
  note: optional(freeText(500)),
})
export type ExitInput = z.output<typeof exitSchema>

/** Filters of the applications list. */
export const applicationFilterSchema = z.object({
  programId: optionalId.catch(undefined),
  status: optional(z.string().regex(/^[A-Z]{1,20}$/)).catch(undefined),
})
