import { z } from 'zod'
import { freeText, id, nameText } from '@/lib/validation/fields'
import { pastDate } from '@/lib/registry/schemas'

export const DIRECTIONS = ['INFLOW', 'OUTFLOW'] as const
export type Direction = (typeof DIRECTIONS)[number]

/** The migrant list's filters, from the query string; anything malformed falls back to "any". */
export const migrantFilterSchema = z.object({
  direction: z.enum(DIRECTIONS).optional().catch(undefined),
  regionId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  overdue: z
    .enum(['1'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})
export type MigrantFilter = z.output<typeof migrantFilterSchema>

/** A notice (通报/协查函) sent to the migrant's other county. */
export const recordNoticeSchema = z.object({
  personId: id,
  otherCounty: nameText(100),
  sentOn: pastDate,
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
export function routeId(value: string | undefined): number | null {
  return value && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null
}
