import { z } from 'zod'
import { optionalDate, page, queryText } from '@/lib/validation/fields'

export const AUDIT_ENTITIES = [
  'User',
  'UserSession',
  'Region',
  'Permission',
  'Household',
  'Person',
  'LifeEvent',
  'ExchangeRequest',
  'QualityFinding',
  'RegisterChange',
] as const

export const auditFilterSchema = z.object({
  user: queryText(32),
  entity: queryText(64),
  from: optionalDate,
  to: optionalDate,
  page,
})

export type AuditFilter = z.output<typeof auditFilterSchema>
