import { z } from 'zod'
import {
  choice,
  dateText,
  formKey,
  freeText,
  id,
  nameText,
  optional,
  optionalChoice,
  optionalDate,
  optionalId,
  requiredInt,
  version,
} from '@/lib/validation/fields'
import { ATTACHMENT_MAX_BYTES } from '@/lib/attachments/rules'

export const DELIVERERS = ['VILLAGE_OFFICER', 'TOWNSHIP_SERVICE_STAFF', 'COUNTY'] as const
export const TARGETS = ['PERSON', 'GROUP'] as const
export const SCHEDULES = ['NONE', 'CHILD_AGES', 'YEARLY_FROM_AGE', 'MONTHLY_SPECIAL_FAMILY', 'BEFORE_MARRIAGE'] as const
export const CONSENT_BY = ['PERSON', 'GUARDIAN'] as const
export const CONSENT_METHODS = ['SIGNED_FORM', 'VERBAL_WITNESSED'] as const

/** A checkbox: present ("on") is true, absent false. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean())

/** "1, 3, 6" → [1, 3, 6]: whole numbers 0..1200, sorted, no repeats; empty is none. */
const scheduleValues = z
  .string({ error: 'errors.invalid' })
  .trim()
  .max(200, { error: 'errors.tooLong' })
  .regex(/^(\d{1,4}(\s*[,，、]\s*\d{1,4})*)?$/, { error: 'services.errors.scheduleValues' })
  .transform((s) => (s === '' ? [] : [...new Set(s.split(/[,，、]/).map((v) => Number(v.trim())))].sort((a, b) => a - b)))
  .refine((list) => list.every((n) => n <= 1200), { error: 'services.errors.scheduleValues' })

const typeFields = {
  code: z
    .string({ error: 'errors.required' })
    .trim()
    .toUpperCase()
    .min(1, { error: 'errors.required', abort: true })
    .regex(/^[A-Z][A-Z0-9_]{1,19}$/, { error: 'services.errors.code' }),
  nameZh: freeText(50),
  nameEn: freeText(100),
  deliveredBy: choice(DELIVERERS),
  target: choice(TARGETS),
  schedule: choice(SCHEDULES),
  scheduleValues: z.preprocess((v) => v ?? '', scheduleValues),
  sensitive: checkbox,
}

/** The schedule's values must fit the schedule (ages for children, the age for yearly care). */
function checkSchedule(input: { schedule: (typeof SCHEDULES)[number]; scheduleValues: number[]; target: string }, ctx: z.RefinementCtx) {
  if ((input.schedule === 'CHILD_AGES' || input.schedule === 'YEARLY_FROM_AGE') && input.scheduleValues.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['scheduleValues'], message: 'services.errors.scheduleNeedsValues' })
  }
  if (input.schedule === 'YEARLY_FROM_AGE' && input.scheduleValues.length > 1) {
    ctx.addIssue({ code: 'custom', path: ['scheduleValues'], message: 'services.errors.scheduleOneAge' })
  }
  if (input.schedule !== 'NONE' && input.target === 'GROUP') {
    ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'services.errors.groupNoSchedule' })
  }
}

export const createTypeSchema = z.object(typeFields).superRefine(checkSchedule)
export type CreateTypeInput = z.output<typeof createTypeSchema>

export const updateTypeSchema = z.object({ ...typeFields, typeId: id, version, active: checkbox }).superRefine(checkSchedule)
export type UpdateTypeInput = z.output<typeof updateTypeSchema>

/**
 * An optional uploaded file: an empty file input arrives as an empty File (named "" or "blob",
 * depending on the browser and the server's form parser), which is "none", as is "".
 */
export const optionalFile = z.preprocess(
  (v) => ((v instanceof File && v.size === 0) || v === '' ? undefined : v),
  z
    .instanceof(File, { error: 'errors.invalid' })
    .refine((f) => f.size <= ATTACHMENT_MAX_BYTES, { error: 'attachments.errors.tooLarge' })
    .optional(),
)

const serviceFields = {
  typeId: id,
  servedOn: z.preprocess((v) => v ?? '', z.string().trim().min(1, { error: 'errors.required', abort: true }).pipe(dateText)),
  /** the registered station or room, chosen from the stations in the recorder's scope */
  stationId: id,
  staffName: nameText(50),
  outcome: freeText(500),
  followUpOn: optionalDate,
  attachment: optionalFile,
}

/** A service delivered to one person, with consent when the type is sensitive (rules.consentProblems). */
export const recordServiceSchema = z.object({
  ...serviceFields,
  personId: id,
  consentBy: optionalChoice(CONSENT_BY),
  consentName: optional(nameText(50)),
  consentOn: optionalDate,
  consentMethod: optionalChoice(CONSENT_METHODS),
  formKey: formKey.optional(),
})
export type RecordServiceInput = z.output<typeof recordServiceSchema>

/** A group activity (健康教育活动): title, place and attendance; the village it was for, if one. */
export const recordActivitySchema = z
  .object({
    ...serviceFields,
    title: freeText(100),
    place: freeText(100),
    attendance: requiredInt(1, 100_000),
    villageId: optionalId,
    /** registered attendees (optional): person ids, separated by commas, as the attendee picker sends them */
    attendeeIds: z.preprocess(
      (v) => v ?? '',
      z
        .string({ error: 'errors.invalid' })
        .trim()
        .regex(/^([1-9]\d{0,9}(,[1-9]\d{0,9})*)?$/, { error: 'errors.invalid' })
        .transform((v) => (v === '' ? [] : [...new Set(v.split(',').map(Number))]))
        .refine((ids) => ids.length <= 500 && ids.every((n) => n <= 2_147_483_647), { error: 'errors.invalid' }),
    ),
    formKey: formKey.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.attendeeIds.length > input.attendance) ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'stations.errors.attendeesAboveAttendance' })
  })
export type RecordActivityInput = z.output<typeof recordActivitySchema>

/** A correction: a new version with a reason; "void" deletes the record by correction. */
export const correctRecordSchema = z.object({
  recordId: id,
  servedOn: dateText,
  station: freeText(100),
  staffName: nameText(50),
  outcome: freeText(500),
  followUpOn: optionalDate,
  reason: freeText(500),
  voided: checkbox,
})
export type CorrectRecordInput = z.output<typeof correctRecordSchema>

/** The resident (or guardian) withdraws consent: the record is hidden and no longer counted. */
export const withdrawConsentSchema = z.object({ recordId: id, withdrawnOn: dateText })
export type WithdrawConsentInput = z.output<typeof withdrawConsentSchema>

/** 计生特殊家庭 flag with its two contacts (双岗联系人); unflagging keeps the row, inactive. */
export const specialFamilySchema = z.object({
  householdId: id,
  townshipContact: nameText(50),
  villageContact: nameText(50),
  since: dateText,
  active: checkbox,
})
export type SpecialFamilyInput = z.output<typeof specialFamilySchema>

/** The coverage page's filter: a month (yyyy-mm) or a calendar year (yyyy); malformed is this month. */
export const coverageFilterSchema = z.object({
  period: z
    .string()
    .regex(/^(19\d\d|20\d\d)(-(0[1-9]|1[0-2]))?$/)
    .optional()
    .catch(undefined),
  regionId: optionalId.catch(undefined),
  indicator: optionalChoice(['children', 'elderly', 'families', 'marriages'] as const).catch(undefined),
})
export type CoverageFilter = z.output<typeof coverageFilterSchema>
