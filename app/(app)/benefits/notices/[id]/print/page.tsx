import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { routeId } from '@/lib/validation/fields'
import { noticeDetail } from '@/lib/benefits/queries'
import { ButtonLink } from '@/components/ui'
import { PrintButton } from '@/components/migration/ExchangeForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('benefits.notice.title') }
}

/** The printable A4 notice: title, the list (name, village, program, category: never an ID number), the period, whom to contact. */
export default async function NoticePrintPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('benefit.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const id = routeId((await params).id)
  const notice = id ? await noticeDetail(user, id) : null
  if (!notice) notFound()
  const showVillage = notice.rows.some((r) => r.village !== null)
  const showProgram = notice.rows.some((r) => r.programZh !== null)
  const showCategory = notice.rows.some((r) => r.categoryZh !== null)
  return (
    <>
      <div className="no-print mb-4 flex flex-wrap items-center gap-2">
        <PrintButton />
        <ButtonLink href="/benefits/notices">{t('common.back')}</ButtonLink>
      </div>
      <article data-testid="notice" className="mx-auto max-w-[180mm] bg-white p-8 text-[11pt] leading-relaxed text-black shadow-sm print:p-0 print:shadow-none">
        <h1 className="text-center text-xl font-bold tracking-wide">{t('benefits.notice.heading', { township: notice.title })}</h1>
        <p className="mt-4 indent-8">{t('benefits.notice.body')}</p>
        <table className="mt-4 w-full border-collapse text-sm">
          <thead>
            <tr>
              <th scope="col" className="border border-black px-2 py-1">
                {t('benefits.notice.no')}
              </th>
              <th scope="col" className="border border-black px-2 py-1">
                {t('benefits.columns.person')}
              </th>
              {showVillage ? (
                <th scope="col" className="border border-black px-2 py-1">
                  {t('benefits.columns.village')}
                </th>
              ) : null}
              {showProgram ? (
                <th scope="col" className="border border-black px-2 py-1">
                  {t('benefits.columns.program')}
                </th>
              ) : null}
              {showCategory ? (
                <th scope="col" className="border border-black px-2 py-1">
                  {t('benefits.columns.category')}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {notice.rows.map((r, i) => (
              <tr key={r.applicationId}>
                <td className="border border-black px-2 py-1 text-center">{i + 1}</td>
                <td className="border border-black px-2 py-1">{r.name ?? ''}</td>
                {showVillage ? <td className="border border-black px-2 py-1">{r.village ?? ''}</td> : null}
                {showProgram ? <td className="border border-black px-2 py-1">{(locale === 'en' ? r.programEn : r.programZh) ?? ''}</td> : null}
                {showCategory ? <td className="border border-black px-2 py-1">{(locale === 'en' ? r.categoryEn : r.categoryZh) ?? ''}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-4">{t('benefits.notice.period', { from: notice.startsOn, to: notice.endsOn })}</p>
        <p>{t('benefits.notice.contactLine', { contact: notice.contact })}</p>
        <div className="mt-10 text-right">
          <p>{t('benefits.notice.issuer', { township: notice.townshipName })}</p>
          <p>{notice.startsOn}</p>
        </div>
      </article>
    </>
  )
}
