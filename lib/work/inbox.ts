import 'server-only'
import { db } from '@/lib/server/db'
import type { InboxItem, InboxSource } from '@/lib/inbox/registry'
import { can } from '@/lib/access/permissions'
import { toIso } from '@/lib/dates'
import { isAssignee, taskState } from './rules'
import { countyIdOf, warningDaysOf } from './queries'

/**
 * What waits for a person in the work module: tasks for them (or their unit) not done, with the
 * warning and overdue flags in the kind; tasks their unit issued that wait for the check.
 */
export const workInbox: InboxSource = async ({ ctx, t, today }) => {
  const subject = ctx.subject
  if (!can(subject, 'work.view')) return []
  const warningDays = await warningDaysOf(await countyIdOf(subject))
  const mine = await db.workTask.findMany({
    where: {
      status: { in: ['OPEN', 'RETURNED'] },
      OR: [{ assigneeUserId: subject.id }, { assigneeRegionId: subject.regionId, assigneeUserId: null }],
    },
    select: { id: true, title: true, dueOn: true, status: true, assigneeRegionId: true, assigneeUserId: true },
    take: 200,
  })
  const items: InboxItem[] = mine
    .filter((task) => isAssignee(subject, task))
    .map((task) => {
      const state = taskState({ status: task.status, dueOn: toIso(task.dueOn), reportedOn: null }, today, warningDays)
      const kind =
        state === 'overdue'
          ? t('work.inbox.overdue')
          : state === 'warning'
            ? t('work.inbox.warning')
            : task.status === 'RETURNED'
              ? t('work.inbox.returned')
              : t('work.inbox.task')
      return { key: `work.task:${task.id}`, module: 'work', kind, title: task.title, dueDate: toIso(task.dueOn), href: `/work/tasks/${task.id}` }
    })
  if (can(subject, 'work.task.assign')) {
    const waiting = await db.workTask.findMany({
      where: { issuerRegionId: subject.regionId, status: 'REPORTED', NOT: { reportedById: subject.id } },
      select: { id: true, title: true, dueOn: true },
      take: 200,
    })
    for (const task of waiting) {
      items.push({
        key: `work.check:${task.id}`,
        module: 'work',
        kind: t('work.inbox.check'),
        title: task.title,
        dueDate: null,
        href: `/work/tasks/${task.id}`,
      })
    }
  }
  return items
}
