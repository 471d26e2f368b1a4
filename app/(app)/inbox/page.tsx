import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getT } from '@/lib/i18n/server'
import { actorOf, requireUser } from '@/lib/server/session'
import { inboxOf } from '@/lib/dashboard/inbox'
import { inboxFacets, inboxPage, isOverdue } from '@/lib/inbox/rules'
import { inboxFilterSchema } from '@/lib/inbox/schemas'
import { isMessageKey } from '@/lib/i18n/core'
import { todayIso } from '@/lib/dates'
import { Badge, Card, EmptyState, PageTitle, Table, Td, Th, buttonClass } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('inbox.title') }
}

/** One inbox per person: every module's items for the signed-in user, overdue first. */
export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser()
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const filter = inboxFilterSchema.parse(await searchParams)
  const today = todayIso()
  const items = await inboxOf({ actor: await actorOf(user), subject: user }, t, locale, today)
  const facets = inboxFacets(items)
  const page = inboxPage(items, filter)
  const moduleName = (m: string) => {
    const key = `inbox.modules.${m}`
    return isMessageKey(key) ? t(key) : m
  }
  const href = (p: number) => `/inbox?${new URLSearchParams({ module: filter.module ?? '', kind: filter.kind ?? '', page: String(p) })}`
  return (
    <>
      <PageTitle>{t('inbox.title')}</PageTitle>
      <p className="mb-3 text-sm text-slate-600">{t('inbox.intro')}</p>
      {items.length > 0 ? (
        <form method="get" action="/inbox" role="search" aria-label={t('inbox.filter')} className="no-print mb-3 flex flex-wrap items-end gap-3 text-sm">
          <label className="block">
            <span className="block text-slate-600">{t('inbox.moduleLabel')}</span>
            <select name="module" defaultValue={filter.module ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5">
              <option value="">{t('inbox.all')}</option>
              {facets.modules.map(([m, n]) => (
                <option key={m} value={m}>
                  {moduleName(m)} ({n})
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="block text-slate-600">{t('inbox.kindLabel')}</span>
            <select name="kind" defaultValue={filter.kind ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5">
              <option value="">{t('inbox.all')}</option>
              {facets.kinds.map(([k, n]) => (
                <option key={k} value={k}>
                  {k} ({n})
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass.secondary}>
            {t('inbox.filter')}
          </button>
        </form>
      ) : null}
      <Card>
        {page.total === 0 ? (
          <EmptyState>
            <span data-testid="inbox-empty">{items.length === 0 ? t('inbox.nothing') : t('inbox.nothingFiltered')}</span>
          </EmptyState>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600" data-testid="inbox-total">
              {t('inbox.count', { count: page.total })}
            </p>
            <Table>
              <thead>
                <tr>
                  <Th>{t('inbox.item')}</Th>
                  <Th>{t('inbox.kindLabel')}</Th>
                  <Th>{t('inbox.moduleLabel')}</Th>
                  <Th>{t('inbox.due')}</Th>
                </tr>
              </thead>
              <tbody data-testid="inbox-list">
                {page.rows.map((item) => (
                  <tr key={item.key} data-testid={`inbox-${item.key}`}>
                    <Td>
                      <Link className="text-brand-700 underline" href={item.href}>
                        {item.title}
                      </Link>
                    </Td>
                    <Td>{item.kind}</Td>
                    <Td>{moduleName(item.module)}</Td>
                    <Td className="whitespace-nowrap">
                      {item.dueDate ?? <span className="text-slate-500">{t('inbox.noDue')}</span>}{' '}
                      {isOverdue(item, today) ? <Badge tone="red">{t('inbox.overdue')}</Badge> : null}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={page} href={href} />
          </>
        )}
      </Card>
    </>
  )
}
