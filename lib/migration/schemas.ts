import { z } from 'zod'
import { formKey, freeText, id, nameText, optionalChoice, optionalId, page } from '@/lib/validation/fields'
import { pastDate } from '@/lib/registry/schemas'

export const DIRECTIONS = ['INFLOW', 'OUTFLOW'] as const
export type Direction = (typeof DIRECTIONS)[number]

/** The migrant list's filters, from the query string; anything malformed falls back to "any". */
export const migrantFilterSchema = z.object({
  direction: optionalChoice(DIRECTIONS).catch(undefined),
  regionId: optionalId.catch(undefined),
  overdue: optionalChoice(['1'])
    .catch(undefined)
    .transform((v) => v === '1'),
  page,
})
export type MigrantFilter = z.output<typeof migrantFilterSchema>

/** A notice (通报/协查函) sent to the migrant's other county. */
export const recordNoticeSchema = z.object({
  personId: id,
  otherCounty: nameText(100),
  sentOn: pastDate,
  /** the form's key: a repeat submit of one rendering records nothing twice (lib/server/idempotency.ts) */
  formKey,
})
export type RecordNoticeInput = z.output<typeof recordNoticeSchema>

/** The other county's answer to a notice. */
export const recordAnswerSchema = z.object({
  exchangeId: id,
  answeredOn: pastDate,
  answer: freeText(500),
})
export type RecordAnswerInput = z.output<typeof recordAnswerSchema>

/** An id from the URL: a positive whole number that fits the column, or null. */
export { routeId } from '@/lib/validation/fields'
