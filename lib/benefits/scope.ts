import 'server-only'
import { db } from '@/lib/server/db'
import { can, type Subject } from '@/lib/access/permissions'
import { regionById } from '@/lib/regions/lookups'
import type { CohortScope } from '@/lib/registry/cohorts'
import { stepActor, type BenefitStatus, type ForwardStep } from './rules'

// What the benefits module's reads and writes share: the subject's region as a column of the
// module's rows, the county, and who may do a step (the rule that refuses it decides its button).

export const STEP_ATTACHMENT_OWNER = 'BenefitStep'

/** The subject's region as a register column. */
export function cohortScope(subject: Subject): CohortScope {
  switch (subject.regionLevel) {
    case 'COUNTY':
      return { column: 'countyId', id: subject.regionId }
    case 'TOWNSHIP':
      return { column: 'townshipId', id: subject.regionId }
    default:
      return { column: 'villageId', id: subject.regionId }
  }
}

/** Application rows inside the subject's region: one equality on the row's own region column. */
export function applicationScope(subject: Subject): { countyId: number } | { townshipId: number } | { villageId: number } {
  const s = cohortScope(subject)
  return { [s.column]: s.id } as { countyId: number }
}

export async function countyOf(subject: Subject): Promise<number> {
  if (subject.regionLevel === 'COUNTY') return subject.regionId
  const region = await regionById(db, subject.regionId)
  return region?.ancestorIds[0] ?? subject.regionId
}

/** Whether the subject may do a step on an application in `status` of a program. */
export function mayDoStep(subject: Subject, step: ForwardStep | 'RETURN' | 'REFUSE', status: BenefitStatus, approvingLevel: string): boolean {
  const who = stepActor(step, status, approvingLevel === 'TOWNSHIP' ? 'TOWNSHIP' : 'COUNTY')
  return who.level === subject.regionLevel && can(subject, who.permission)
}
