import { z } from 'zod'
import { choice, freeText, id, page } from '@/lib/validation/fields'
import { RULE_IDS } from './rules'

export const SEVERITIES = ['ERROR', 'WARNING'] as const
export const FINDING_STATUSES = ['OPEN', 'ASSIGNED', 'FIXED', 'CLOSED'] as const

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional())

/** The queue's filters, from the query string; anything malformed falls back to "all". */
export const findingFilterSchema = z.object({
  regionId: optional(id).catch(undefined),
  rule: optional(choice(RULE_IDS)).catch(undefined),
  severity: optional(choice(SEVERITIES)).catch(undefined),
  status: optional(z.enum([...FINDING_STATUSES, 'ACTIVE', 'ALL'])).catch(undefined),
  /** "1": only the findings assigned to the signed-in user */
  mine: optional(z.literal('1')).catch(undefined),
  page,
})
export type FindingFilter = z.output<typeof findingFilterSchema>

export const sweepSchema = z.object({})

export const assignSchema = z.object({ findingId: id, assigneeId: id })
export type AssignInput = z.output<typeof assignSchema>

/** Marking fixed and closing both need a note saying what was done or why. */
export const resolveSchema = z.object({ findingId: id, note: freeText(500) })
export type ResolveInput = z.output<typeof resolveSchema>
