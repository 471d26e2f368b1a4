import 'server-only'
import { can } from '@/lib/access/permissions'
import type { SessionUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { changesToReview, openQuestions } from '@/lib/registry/queries'
import { assignedToMe } from '@/lib/quality/queries'
import { overdueMigrantCount } from '@/lib/migration/queries'
import { reportWork, type ReportWork } from '@/lib/reports/queries'

// The home page's work list: what waits for the signed-in user or their region, each read through
// its module's own query (always scoped to the user). A count is null when it is not the user's
// kind of work, so the page leaves it out rather than showing a zero that means "not yours".

export interface WorkList {
  /** village changes the township has still to check (pending or answered) */
  toReview: number | null
  /** questions the township asked about the village's changes */
  questions: number | null
  /** data-quality findings assigned to the user, still open */
  findings: number | null
  /** migrants with an information exchange unanswered past its deadline */
  overdueExchanges: number | null
  reports: ReportWork | null
}

export async function workList(user: SessionUser, today = todayIso()): Promise<WorkList> {
  const reviews = can(user, 'register.review')
  const answers = can(user, 'register.edit') && !reviews
  const fixes = reviews || can(user, 'register.edit')
  const reportUnit = can(user, 'report.unit')
  const [toReview, questions, findings, overdueExchanges, reports] = await Promise.all([
    reviews ? changesToReview(user) : null,
    answers ? openQuestions(user) : null,
    fixes ? assignedToMe(user) : null,
    fixes ? overdueMigrantCount(user, today) : null,
    reportUnit ? reportWork(user, today) : null,
  ])
  return { toReview, questions, findings, overdueExchanges, reports }
}
