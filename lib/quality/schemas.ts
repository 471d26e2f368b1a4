import { z } from 'zod'
import { freeText, id, optionalChoice, optionalId, page } from '@/lib/validation/fields'
import { RULE_IDS } from './rules'

export const SEVERITIES = ['ERROR', 'WARNING'] as const
export const FINDING_STATUSES = ['OPEN', 'ASSIGNED', 'FIXED', 'CLOSED'] as const

/** The queue's filters, from the query string; anything malformed falls back to "all". */
export const findingFilterSchema = z.object({
  regionId: optionalId.catch(undefined),
  rule: optionalChoice(RULE_IDS).catch(undefined),
  severity: optionalChoice(SEVERITIES).catch(undefined),
  status: optionalChoice([...FINDING_STATUSES, 'ACTIVE', 'ALL'] as const).catch(undefined),
  /** "1": only the findings assigned to the signed-in user */
  mine: optionalChoice(['1'] as const).catch(undefined),
  page,
})
export type FindingFilter = z.output<typeof findingFilterSchema>

export const sweepSchema = z.object({})

export const assignSchema = z.object({ findingId: id, assigneeId: id })
export type AssignInput = z.output<typeof assignSchema>

/** Marking fixed and closing both need a note saying what was done or why. */
export const resolveSchema = z.object({ findingId: id, note: freeText(500) })
export type ResolveInput = z.output<typeof resolveSchema>
