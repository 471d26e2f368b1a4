import { z } from 'zod'
import { choice, dateText, formKey, freeText, id, nameText, optional, optionalChoice, optionalId, page } from '@/lib/validation/fields'

export const CHANNELS = ['PHONE', 'LETTER', 'VISIT', 'ONLINE'] as const
export const KINDS = ['COMPLAINT', 'INQUIRY'] as const
export const SATISFACTIONS = ['SATISFIED', 'BASIC', 'UNSATISFIED'] as const
export const STATUSES = ['RECEIVED', 'ASSIGNED', 'REPLIED', 'CLOSED'] as const

const requiredDate = z.preprocess((v) => v ?? '', z.string().trim().min(1, { error: 'errors.required', abort: true }).pipe(dateText))

/** Intake: channel, kind, the person (optional, from the register in scope), subject and content. */
export const receiveCaseSchema = z.object({
  channel: choice(CHANNELS),
  kind: choice(KINDS),
  personId: optionalId,
  callerName: optional(nameText(50)),
  subject: freeText(100),
  content: freeText(4000),
  receivedOn: requiredDate,
  formKey: optional(formKey),
})
export type ReceiveCaseInput = z.output<typeof receiveCaseSchema>

/** Assign to a township or to a county department: the value is "r:<regionId>" or "d:<departmentId>". */
export const assignCaseSchema = z.object({
  caseId: id,
  assignee: z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required', abort: true })
    .regex(/^[rd]:[1-9]\d{0,9}$/, { error: 'errors.invalid' })
    .transform((v): { regionId: number } | { departmentId: number } =>
      v.startsWith('r:') ? { regionId: Number(v.slice(2)) } : { departmentId: Number(v.slice(2)) },
    ),
})
export type AssignCaseInput = z.output<typeof assignCaseSchema>

export const replyCaseSchema = z.object({ caseId: id, reply: freeText(4000), repliedOn: requiredDate })
export type ReplyCaseInput = z.output<typeof replyCaseSchema>

export const closeCaseSchema = z.object({ caseId: id, satisfaction: choice(SATISFACTIONS), closedOn: requiredDate })
export type CloseCaseInput = z.output<typeof closeCaseSchema>

export const departmentSchema = z.object({ name: nameText(50) })

/** The list's filters; anything malformed is "no filter". */
export const caseFilterSchema = z.object({
  status: optionalChoice(STATUSES).catch(undefined),
  channel: optionalChoice(CHANNELS).catch(undefined),
  townshipId: optionalId.catch(undefined),
  overdue: z
    .enum(['1'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
  page,
})
export type CaseFilter = z.output<typeof caseFilterSchema>
