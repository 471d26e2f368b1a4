import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { getExchangeLetter } from '@/lib/migration/queries'
import { routeId } from '@/lib/migration/schemas'
import { ButtonLink } from '@/components/ui'
import { PrintButton } from '@/components/migration/ExchangeForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('migration.letter.title') }
}

/** 流动人口信息通报（协查）函: one notice about one migrant, on A4, with a reply slip. */
export default async function ExchangeLetterPage({ params }: { params: Promise<{ id: string; exchangeId: string }> }) {
  const user = await requireUser('register.view')
  const t = await getT()
  const { id, exchangeId } = await params
  const personId = routeId(id)
  const requestId = routeId(exchangeId)
  const letter = personId && requestId ? await getExchangeLetter(user, personId, requestId) : null
  if (!letter) notFound()
  const { migrant, exchange } = letter
  const number = `${exchange.sentOn.slice(0, 4)}-${String(exchange.id).padStart(5, '0')}`
  const rows: [string, string][] = [
    [t('migration.letter.name'), migrant.name],
    [t('migration.letter.sex'), t(`registry.sex.${migrant.sex}`)],
    [t('migration.letter.birthDate'), migrant.birthDate],
    [t('migration.letter.idNumber'), migrant.idMasked ?? t('registry.person.noId')],
    [t(`migration.letter.place.${exchange.direction}`), migrant.place ?? t('migration.person.unknown')],
    [t('migration.letter.since'), migrant.since ?? t('migration.person.unknown')],
    [t('migration.letter.phone'), migrant.phone ?? t('migration.person.noPhone')],
    [
      t(`migration.letter.local.${exchange.direction}`),
      `${migrant.countyName}${migrant.townshipName}${migrant.villageName}${migrant.address ? ` ${migrant.address}` : ''}`,
    ],
  ]
  return (
    <>
      <div className="no-print mb-4 flex flex-wrap items-center gap-2">
        <PrintButton />
        <ButtonLink href={`/register/migrants/${migrant.id}`}>{t('common.back')}</ButtonLink>
        <span className="text-sm text-slate-500">{t('migration.letter.printHint')}</span>
      </div>
      <article data-testid="letter" className="mx-auto max-w-[180mm] bg-white p-8 text-[11pt] leading-relaxed text-black shadow-sm print:p-0 print:shadow-none">
        <h1 className="text-center text-xl font-bold tracking-wide">{t('migration.letter.title')}</h1>
        <p className="mt-1 text-right text-sm">{t('migration.letter.number', { number })}</p>
        <p className="mt-4 font-medium">{t('migration.letter.salutation', { county: exchange.otherCounty })}</p>
        <p className="mt-2 indent-8">{t('migration.letter.body', { direction: t(`migration.direction.${exchange.direction}`) })}</p>
        <h2 className="mt-4 font-medium">{t('migration.letter.subject')}</h2>
        <table className="mt-2 w-full border-collapse text-sm">
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" className="w-40 border border-black px-2 py-1.5 text-left font-normal">
                  {label}
                </th>
                <td className="border border-black px-2 py-1.5">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-8 flex justify-end">
          <div className="space-y-2 text-right">
            <p>
              {t('migration.letter.sender', { county: migrant.countyName })}{' '}
              <span className="inline-block w-24 text-center text-slate-500">{t('migration.letter.seal')}</span>
            </p>
            <p>{t('migration.letter.date', { date: exchange.sentOn })}</p>
          </div>
        </div>
        <div className="mt-10 border-t border-dashed border-black pt-4">
          <h2 className="text-center font-medium">{t('migration.letter.reply')}</h2>
          <p className="mt-2">{t('migration.letter.salutation', { county: migrant.countyName })}</p>
          <p className="mt-2">
            {t('migration.letter.replyBody')}
            {exchange.answeredOn ? (
              <span className="ml-1">{t('migration.letter.answered', { date: exchange.answeredOn, answer: exchange.answer ?? '' })}</span>
            ) : null}
          </p>
          {exchange.answeredOn ? null : <div className="h-20" aria-hidden />}
          <div className="mt-4 flex justify-end gap-8">
            <span>{t('migration.letter.replySender')}</span>
            <span>{t('migration.letter.replyDate')}</span>
          </div>
        </div>
      </article>
    </>
  )
}
