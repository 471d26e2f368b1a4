import type { Metadata } from 'next'
import Link from 'next/link'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { caseList, caseTownships } from '@/lib/cases/queries'
import { caseFilterSchema, CHANNELS, STATUSES } from '@/lib/cases/schemas'
import { Alert, Badge, buttonClass, ButtonLink, EmptyState, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('cases.title') }
}

/** Complaints and inquiries of the user's unit, newest first, with filters and the overdue flag. */
export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('case.view')
  const t = await getT()
  const today = todayIso()
  const filter = caseFilterSchema.parse(await searchParams)
  const [page, townships] = await Promise.all([caseList(user, filter, today), caseTownships(user)])
  const href = (n: number) => {
    const q = new URLSearchParams()
    if (filter.status) q.set('status', filter.status)
    if (filter.channel) q.set('channel', filter.channel)
    if (filter.townshipId) q.set('townshipId', String(filter.townshipId))
    if (filter.overdue) q.set('overdue', '1')
    q.set('page', String(n))
    return `/cases?${q}`
  }
  return (
    <>
      <PageTitle
        actions={
          can(user, 'case.receive') ? (
            <ButtonLink kind="primary" href="/cases/new">
              {t('cases.new')}
            </ButtonLink>
          ) : null
        }
      >
        {t('cases.title')}
      </PageTitle>
      <div className="mb-3">
        <Alert>{t('cases.intro')}</Alert>
      </div>
      <form method="get" role="search" className="no-print mb-4 flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block text-slate-600">{t('cases.filter.status')}</span>
          <select name="status" defaultValue={filter.status ?? ''} className={inputClass}>
            <option value="">{t('cases.filter.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cases.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">{t('cases.filter.channel')}</span>
          <select name="channel" defaultValue={filter.channel ?? ''} className={inputClass}>
            <option value="">{t('cases.filter.any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`cases.channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {townships.length > 0 ? (
          <label className="text-sm">
            <span className="block text-slate-600">{t('cases.filter.township')}</span>
            <select name="townshipId" defaultValue={filter.townshipId ?? ''} className={inputClass}>
              <option value="">{t('cases.filter.any')}</option>
              {townships.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="flex items-center gap-1 py-2 text-sm">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} />
          {t('cases.filter.overdue')}
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t('cases.filter.show')}
        </button>
      </form>
      {page.total === 0 ? (
        <EmptyState>{t('cases.none')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('cases.field.receivedOn')}</Th>
                <Th>{t('cases.field.channel')}</Th>
                <Th>{t('cases.field.subject')}</Th>
                <Th>{t('cases.field.assignee')}</Th>
                <Th>{t('cases.field.dueOn')}</Th>
                <Th>{t('common.status')}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id} data-testid={`case-${r.id}`}>
                  <Td>{r.receivedOn}</Td>
                  <Td>
                    {t(`cases.channel.${r.channel}`)}
                    {t('common.gap')}
                    {t(`cases.kind.${r.kind}`)}
                  </Td>
                  <Td>
                    <Link className="text-brand-600 hover:underline" href={`/cases/${r.id}`}>
                      {r.subject}
                    </Link>
                  </Td>
                  <Td>{r.assignee ?? t('cases.unassigned')}</Td>
                  <Td>{r.dueOn}</Td>
                  <Td>
                    <span className="inline-flex gap-1">
                      <Badge tone={r.status === 'CLOSED' ? 'green' : 'slate'}>{t(`cases.status.${r.status}`)}</Badge>
                      {r.overdue ? <Badge tone="red">{t('cases.overdue')}</Badge> : r.near ? <Badge tone="amber">{t('cases.near')}</Badge> : null}
                    </span>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} href={href} />
        </>
      )}
    </>
  )
}
