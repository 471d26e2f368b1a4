import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { taskDetail } from '@/lib/work/queries'
import { isAssignee, mayCheck as checker } from '@/lib/work/rules'
import { ButtonLink, Card, PageTitle } from '@/components/ui'
import { TaskStateBadge } from '@/components/work/TaskStateBadge'
import { CheckTaskForm, ReportTaskForm } from '@/components/work/WorkForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('work.task.detail') }
}

/** One task: what, for whom, by when; the evidence; the report and check forms for who may use them. */
export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('work.view')
  const t = await getT()
  const id = routeId((await params).id)
  const task = id ? await taskDetail(user, id, todayIso()) : null
  if (!task) notFound()
  // the same tests the service applies decide which forms show
  const mayReport = can(user, 'work.task.report') && isAssignee(user, task) && (task.status === 'OPEN' || task.status === 'RETURNED')
  const mayCheck = can(user, 'work.task.assign') && checker(user, task)
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid grid-cols-3 gap-2 py-1">
      <dt className="text-slate-600">{label}</dt>
      <dd className="col-span-2 whitespace-pre-wrap">{value}</dd>
    </div>
  )
  return (
    <>
      <PageTitle actions={<ButtonLink href={`/work?month=${task.month}`}>{t('work.task.back')}</ButtonLink>}>{task.title}</PageTitle>
      <Card>
        <dl className="text-sm">
          {row(t('work.task.status'), <TaskStateBadge state={task.state} returned={task.status === 'RETURNED'} t={t} />)}
          {row(t('work.task.issuer'), task.issuer)}
          {row(t('work.task.assignee'), task.assignee)}
          {row(t('work.task.dueOn'), task.dueOn)}
          {row(t('work.task.details'), task.details)}
          {task.evidence ? row(t('work.task.evidence'), task.evidence) : null}
          {task.reportedOn ? row(t('work.task.reportedOn'), task.reportedOn) : null}
          {task.checkedOn ? row(t('work.task.checkedOn'), task.checkedOn) : null}
          {task.returnReason && task.status === 'RETURNED' ? row(t('work.task.returnReason'), task.returnReason) : null}
          {task.attachments.length > 0
            ? row(
                t('work.task.files'),
                <ul>
                  {task.attachments.map((a) => (
                    <li key={a.id}>
                      <a className="text-brand-600 hover:underline" href={`/api/work/attachments/${a.id}`}>
                        {a.name}
                      </a>
                    </li>
                  ))}
                </ul>,
              )
            : null}
        </dl>
      </Card>
      {mayReport ? (
        <Card className="mt-4">
          <ReportTaskForm taskId={task.id} />
        </Card>
      ) : null}
      {mayCheck ? (
        <Card className="mt-4">
          <CheckTaskForm taskId={task.id} />
        </Card>
      ) : null}
    </>
  )
}
