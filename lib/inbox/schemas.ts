import { z } from 'zod'
import { page } from '@/lib/validation/fields'

/** The inbox page's query: a module and a kind as the items name them (an empty field means all). */
export const inboxFilterSchema = z.object({
  module: z
    .string()
    .max(40)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  kind: z
    .string()
    .max(60)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  page,
})
