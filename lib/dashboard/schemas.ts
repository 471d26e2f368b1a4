import { z } from 'zod'
import { optionalId } from '@/lib/validation/fields'

/** The dashboard's query: the region (one in the viewer's scope; their own when missing), the picker's period value, and for print and export one chart. */
export const dashboardQuerySchema = z.object({
  region: optionalId.catch(undefined),
  period: z
    .string()
    .regex(/^(MONTHLY|HALF_YEAR|ANNUAL):[0-9H-]{4,7}$/)
    .optional()
    .catch(undefined),
  chart: z
    .string()
    .regex(/^[a-zA-Z.]{1,40}$/)
    .optional()
    .catch(undefined),
})
export type DashboardQuery = z.output<typeof dashboardQuerySchema>
