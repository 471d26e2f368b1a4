import 'server-only'
import type { InboxSource } from '@/lib/inbox/registry'
import { can } from '@/lib/access/permissions'
import { changesToReview, openQuestions } from './queries'

/**
 * The register's review in the inbox, one item for the user's region (the review page lists the
 * changes): for the township, the village changes it has still to check (pending, or answered by
 * the village); for the village, the changes the township questioned and it has still to answer.
 * Both counts read through registerScope.
 */
export const registryInbox: InboxSource = async ({ ctx, t }) => {
  const reviews = can(ctx.subject, 'register.review')
  const answers = can(ctx.subject, 'register.edit') && !reviews
  if (!reviews && !answers) return []
  const count = await (reviews ? changesToReview(ctx.subject) : openQuestions(ctx.subject))
  if (count === 0) return []
  return [
    {
      key: reviews ? 'registry.review' : 'registry.question',
      module: 'registry',
      kind: t(reviews ? 'inbox.kind.review' : 'inbox.kind.question'),
      title: reviews ? t('home.work.toReview', { count }) : t('home.work.questions', { count }),
      dueDate: null,
      href: `/register/review?${new URLSearchParams({ month: '', status: reviews ? 'TODO' : 'QUESTIONED' })}`,
    },
  ]
}
