import 'server-only'
import type { InboxItem, InboxSource } from '@/lib/inbox/registry'
import { sessionUserOf } from '@/lib/inbox/subject'
import { can } from '@/lib/access/permissions'
import { db } from '@/lib/server/db'
import { toIso } from '@/lib/dates'
import { reportWork } from './queries'
import { periodLabel } from './present'

/**
 * Reports in the inbox: the periods the unit has still to prepare (due at their deadline), the
 * drafts in which this user signs, submits or fixes what the county returned, and, for the county,
 * the township reports waiting for its decision. The same rules as the report page (reportWork).
 */
export const reportsInbox: InboxSource = async ({ ctx, t, today }) => {
  if (!can(ctx.subject, 'report.unit')) return []
  const user = sessionUserOf(ctx.subject)
  const work = await reportWork(user, today)
  const items: InboxItem[] = []
  const name = (r: { kind: 'MONTHLY' | 'HALF_YEAR' | 'ANNUAL'; period: Parameters<typeof periodLabel>[1] }) => ({
    kind: t(`reports.kind.${r.kind}`),
    period: periodLabel(t, r.period),
  })
  for (const d of work.toPrepare) {
    items.push({
      key: `reports.prepare:${d.kind}:${d.period.key}`,
      module: 'reports',
      kind: t('inbox.kind.reportPrepare'),
      title: t('home.work.toPrepare', { ...name(d), deadline: d.deadline }),
      dueDate: d.deadline,
      href: `/reports?${new URLSearchParams({ kind: d.kind, period: d.period.key })}`,
    })
  }
  for (const task of work.tasks) {
    const returned = task.returnComment !== null
    items.push({
      key: `reports.task:${task.id}`,
      module: 'reports',
      kind: t(returned ? 'inbox.kind.reportReturned' : task.signAs ? 'inbox.kind.reportSign' : 'inbox.kind.reportSubmit'),
      title: returned
        ? t('home.work.returned', { ...name(task), comment: task.returnComment ?? '' })
        : task.signAs
          ? t('home.work.toSign', { ...name(task), role: t(`reports.signRole.${task.signAs}`) })
          : t('home.work.toSubmit', name(task)),
      dueDate: task.deadline,
      href: `/reports/${task.id}`,
    })
  }
  if (work.awaiting > 0) {
    // one item: the report list filtered to them; due when the earliest of them was due at the county
    const first = await db.reportSubmission.findFirst({
      where: { countyId: user.regionId, level: 'TOWNSHIP', status: 'SUBMITTED' },
      select: { deadline: true },
      orderBy: { deadline: 'asc' },
    })
    items.push({
      key: 'reports.approve',
      module: 'reports',
      kind: t('inbox.kind.reportApprove'),
      title: t('home.work.awaiting', { count: work.awaiting }),
      dueDate: first ? toIso(first.deadline) : null,
      href: `/reports?${new URLSearchParams({ status: 'SUBMITTED' })}`,
    })
  }
  return items
}
