import { z } from 'zod'
import { optionalDate, page } from '@/lib/validation/fields'

export const AUDIT_ENTITIES = ['User', 'UserSession', 'Region', 'Permission', 'Household', 'Person', 'LifeEvent', 'ExchangeRequest', 'QualityFinding', 'RegisterChange'] as const

export const auditFilterSchema = z.object({
  user: z.string().trim().max(32, { error: 'errors.tooLong' }).optional().default(''),
  entity: z.string().trim().max(64, { error: 'errors.tooLong' }).optional().default(''),
  from: optionalDate,
  to: optionalDate,
  page,
})

export type AuditFilter = z.output<typeof auditFilterSchema>
