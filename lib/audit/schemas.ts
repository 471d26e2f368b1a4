import { z } from 'zod'
import { optionalDate } from '@/lib/validation/fields'

export const AUDIT_ENTITIES = ['User', 'UserSession', 'Region', 'Permission', 'Household', 'Person', 'LifeEvent', 'ExchangeRequest', 'QualityFinding', 'RegisterChange'] as const

export const auditFilterSchema = z.object({
  user: z.string().trim().max(32, { error: 'errors.tooLong' }).optional().default(''),
  entity: z.string().trim().max(64, { error: 'errors.tooLong' }).optional().default(''),
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export type AuditFilter = z.output<typeof auditFilterSchema>
