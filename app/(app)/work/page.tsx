import type { Metadata } from 'next'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import type { Translate } from '@/lib/i18n/core'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { assigneeChoices, taskList } from '@/lib/work/queries'
import { taskFilterSchema } from '@/lib/work/schemas'
import type { CompletionFigures } from '@/lib/work/rules'
import { TaskStateBadge } from '@/components/work/TaskStateBadge'
import { Alert, buttonClass, ButtonLink, Card, EmptyState, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { IssueTaskForm } from '@/components/work/WorkForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('work.title') }
}

function RatesTable({ caption, rows, t }: { caption: string; rows: { id: number; name: string; figures: CompletionFigures }[]; t: Translate }) {
  return (
    <Table>
      <caption className="px-3 py-2 text-left font-medium text-slate-700">{caption}</caption>
      <thead>
        <tr>
          <Th>{caption}</Th>
          <Th className="text-right">{t('work.rates.due')}</Th>
          <Th className="text-right">{t('work.rates.completed')}</Th>
          <Th className="text-right">{t('work.rates.onTime')}</Th>
          <Th className="text-right">{t('work.rates.overdue')}</Th>
          <Th className="text-right">{t('work.rates.rate')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.id}>
            <Td>{r.name}</Td>
            <Td className="text-right">{r.figures.due}</Td>
            <Td className="text-right">{r.figures.completed}</Td>
            <Td className="text-right">{r.figures.onTime}</Td>
            <Td className="text-right">{r.figures.overdue}</Td>
            <Td className="text-right">{r.figures.rate === null ? '—' : `${r.figures.rate}%`}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  )
}

/** A month's task list: the tasks the user's unit gave and received, their states and completion rates. */
export default async function WorkPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('work.view')
  const t = await getT()
  const today = todayIso()
  const filter = taskFilterSchema.parse(await searchParams)
  const month = filter.month ?? today.slice(0, 7)
  const list = await taskList(user, month, filter.view, today)
  const mayAssign = can(user, 'work.task.assign')
  const assignees = mayAssign ? await assigneeChoices(user) : []
  return (
    <>
      <PageTitle actions={<ButtonLink href="/work/agreements">{t('work.agreement.title')}</ButtonLink>}>{t('work.title')}</PageTitle>
      <div className="mb-3 space-y-2">
        <Alert>{t('work.intro')}</Alert>
        <p className="text-sm text-slate-600">{t('work.warningNote', { days: list.warningDays })}</p>
      </div>
      <form method="get" role="search" className="no-print mb-4 flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block text-slate-600">{t('work.month')}</span>
          <input type="month" name="month" defaultValue={month} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">{t('work.viewLabel')}</span>
          <select name="view" defaultValue={filter.view ?? ''} className={inputClass}>
            <option value="">{t('work.view.all')}</option>
            <option value="mine">{t('work.view.mine')}</option>
            <option value="issued">{t('work.view.issued')}</option>
          </select>
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t('work.show')}
        </button>
      </form>
      {list.rows.length === 0 ? (
        <EmptyState>{t('work.task.none')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('work.task.title')}</Th>
              <Th>{t('work.task.issuer')}</Th>
              <Th>{t('work.task.assignee')}</Th>
              <Th>{t('work.task.dueOn')}</Th>
              <Th>{t('work.task.status')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.rows.map((row) => (
              <tr key={row.id} data-testid={`task-${row.id}`}>
                <Td>
                  <Link className="text-brand-600 hover:underline" href={`/work/tasks/${row.id}`}>
                    {row.title}
                  </Link>
                </Td>
                <Td>{row.issuer}</Td>
                <Td>{row.assignee}</Td>
                <Td>{row.dueOn}</Td>
                <Td>
                  <TaskStateBadge state={row.state} returned={row.status === 'RETURNED'} t={t} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <section className="mt-6 space-y-3" aria-labelledby="rates-title">
        <h2 id="rates-title" className="text-lg font-medium text-slate-800">
          {t('work.rates.title')}
        </h2>
        <p className="text-sm text-slate-600">
          {t('work.rates.total')}
          {t('common.colon')}
          {list.total.onTime}/{list.total.due}
          {list.total.rate === null ? '' : ` (${list.total.rate}%)`}
          {t('common.gap')}
          {t('work.rates.note')}
        </p>
        {list.byUnit.length > 0 ? <RatesTable caption={t('work.rates.unit')} rows={list.byUnit} t={t} /> : null}
        {list.byPerson.length > 0 ? <RatesTable caption={t('work.rates.person')} rows={list.byPerson} t={t} /> : null}
      </section>
      {mayAssign ? (
        <Card className="mt-6">
          <IssueTaskForm assignees={assignees} today={today} formKey={randomUUID()} />
        </Card>
      ) : null}
    </>
  )
}
