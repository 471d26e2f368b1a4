import { z } from 'zod'
import { freeText, id, MAX_INT, optionalInt, page, requiredInt } from '@/lib/validation/fields'

// Report inputs, shared by the forms and the actions. Period keys are checked again against the
// county's settings in the service (periodOf), which also refuses periods that have not ended.

export const reportKind = z.enum(['MONTHLY', 'HALF_YEAR', 'ANNUAL'], { error: 'errors.required' })
export const signRole = z.enum(['PREPARER', 'STATISTICIAN', 'UNIT_HEAD'], { error: 'errors.invalid' })

export const reportTargetSchema = z.object({
  kind: reportKind,
  periodKey: z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required', abort: true })
    .regex(/^\d{4}(-\d{2}|H1)?$/, { error: 'reports.errors.badPeriod' }),
})
export type ReportTarget = z.output<typeof reportTargetSchema>

export const reportIdSchema = z.object({ reportId: id })

export const signSchema = z.object({ reportId: id, role: signRole })

/** 统计分析: may be left empty; no control characters. */
export const analysisSchema = z.object({
  reportId: id,
  analysis: z
    .string()
    .trim()
    .max(5000, { error: 'errors.tooLong' })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: 'errors.controlCharacters' })
    .default(''),
})

export const returnSchema = z.object({ reportId: id, comment: freeText(1000) })

export const unlockSchema = z.object({ lockId: id, reason: freeText(500) })

const day = requiredInt(1, 28, { invalid: 'reports.errors.deadlineDay', range: 'reports.errors.deadlineDay' })

export const reportSettingsSchema = z.object({
  statYearStartMonth: requiredInt(1, 12),
  monthlyDeadlineDay: day,
  halfYearDeadlineDay: day,
  annualDeadlineDay: day,
  version: requiredInt(0, MAX_INT),
})
export type ReportSettingsInput = z.output<typeof reportSettingsSchema>

/** The statistical year shown on the timeliness page, from the query string. */
export const statYearParam = optionalInt(2000, 2099).catch(undefined)

/** A numeric id from the URL (a route segment or a query parameter), or null. */
export { routeId } from '@/lib/validation/fields'

/** The trace page's query (追溯): a region, a period, a count key, the report it came from, a page. */
export const traceQuerySchema = z.object({
  region: z.unknown().optional(),
  kind: reportKind.optional().catch(undefined),
  period: z.string().max(10).optional().catch(undefined),
  key: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,40}$/)
    .optional()
    .catch(undefined),
  report: z.unknown().optional(),
  page,
})
