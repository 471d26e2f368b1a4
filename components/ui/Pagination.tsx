import Link from 'next/link'
import type { Page } from '@/lib/pagination'
import { getT } from '@/lib/i18n/server'
import { buttonClass } from './index'

/** "Page 2 of 7, 312 in all" with previous/next links that keep the other query parameters. */
export async function Pagination({ page, href }: { page: Page<unknown>; href: (page: number) => string }) {
  const t = await getT()
  return (
    <nav aria-label="pagination" className="no-print mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      <span>{t('common.pageOf', { page: page.page, pages: page.pageCount, total: page.total })}</span>
      <span className="flex gap-2">
        {page.page > 1 ? (
          <Link className={buttonClass.secondary} href={href(page.page - 1)}>
            {t('common.previous')}
          </Link>
        ) : null}
        {page.page < page.pageCount ? (
          <Link className={buttonClass.secondary} href={href(page.page + 1)}>
            {t('common.next')}
          </Link>
        ) : null}
      </span>
    </nav>
  )
}
