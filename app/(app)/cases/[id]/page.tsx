import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { caseAssignees, caseDetail } from '@/lib/cases/queries'
import { stepProblem } from '@/lib/cases/rules'
import { Badge, ButtonLink, Card, PageTitle } from '@/components/ui'
import { AssignCaseForm, CloseCaseForm, ReplyCaseForm } from '@/components/cases/CaseForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('cases.detail') }
}

/** One case: what was received, by whom, where it went, the answer and the closure; the next step's form. */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('case.view')
  const t = await getT()
  const today = todayIso()
  const id = routeId((await params).id)
  const c = id ? await caseDetail(user, id, today) : null
  if (!c) notFound()
  const facts = { status: c.status, reply: c.reply, receivedOn: c.receivedOn }
  // the service's own tests decide which forms show
  const mayAssign = can(user, 'case.receive') && c.receiverRegionId === user.regionId && stepProblem('assign', facts) === null
  const handles = can(user, 'case.handle') && (c.receiverRegionId === user.regionId || c.assignedRegionId === user.regionId)
  const mayReply = handles && stepProblem('reply', facts) === null
  const mayClose = handles && stepProblem('close', facts) === null
  const assignees = mayAssign ? await caseAssignees(user) : []
  const row = (label: string, value: ReactNode) => (
    <div className="grid grid-cols-3 gap-2 py-1">
      <dt className="text-slate-600">{label}</dt>
      <dd className="col-span-2 whitespace-pre-wrap">{value}</dd>
    </div>
  )
  return (
    <>
      <PageTitle actions={<ButtonLink href="/cases">{t('cases.back')}</ButtonLink>}>{c.subject}</PageTitle>
      <Card>
        <dl className="text-sm">
          {row(
            t('common.status'),
            <span className="inline-flex gap-1">
              <Badge tone={c.status === 'CLOSED' ? 'green' : 'slate'}>{t(`cases.status.${c.status}`)}</Badge>
              {c.overdue ? <Badge tone="red">{t('cases.overdue')}</Badge> : null}
            </span>,
          )}
          {row(t('cases.field.channel'), `${t(`cases.channel.${c.channel}`)}${t('common.gap')}${t(`cases.kind.${c.kind}`)}`)}
          {row(
            t('cases.field.person'),
            c.person ? (
              <Link className="text-brand-600 hover:underline" href={`/register/persons/${c.person.id}`}>
                {c.person.name}
              </Link>
            ) : (
              (c.callerName ?? t('cases.anonymous'))
            ),
          )}
          {row(t('cases.field.content'), c.content)}
          {row(t('cases.field.receivedOn'), c.receivedOn)}
          {row(t('cases.field.dueOn'), c.dueOn)}
          {row(t('cases.field.receiver'), `${c.receivedByName}${t('common.paren', { text: c.receiver })}`)}
          {row(t('cases.field.assignee'), c.assignee ?? t('cases.unassigned'))}
          {c.reply ? row(t('cases.field.reply'), c.reply) : null}
          {c.repliedOn ? row(t('cases.field.repliedOn'), c.repliedOn) : null}
          {c.satisfaction ? row(t('cases.field.satisfaction'), t(`cases.satisfaction.${c.satisfaction}`)) : null}
          {c.closedOn ? row(t('cases.field.closedOn'), c.closedOn) : null}
        </dl>
      </Card>
      {mayAssign ? (
        <Card className="mt-4">
          <AssignCaseForm
            caseId={c.id}
            assignees={assignees}
            current={c.assignedRegionId ? `r:${c.assignedRegionId}` : c.departmentId ? `d:${c.departmentId}` : undefined}
          />
        </Card>
      ) : null}
      {mayReply ? (
        <Card className="mt-4">
          <ReplyCaseForm caseId={c.id} today={today} />
        </Card>
      ) : null}
      {mayClose ? (
        <Card className="mt-4">
          <CloseCaseForm caseId={c.id} today={today} />
        </Card>
      ) : null}
    </>
  )
}
