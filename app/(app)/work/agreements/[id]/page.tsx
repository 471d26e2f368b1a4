import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { agreementDetail, sourceChoices } from '@/lib/work/queries'
import { Alert, ButtonLink, Card, EmptyState, PageTitle } from '@/components/ui'
import { AgreementItemForm, PrintButton, ProgressForm, ScanForm } from '@/components/work/WorkForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('work.agreement.title') }
}

/**
 * An agreement as it is printed (A4 portrait: the title, the two units, the targets with their
 * points and progress, the signatures and seals), with the issuer's forms below it on screen.
 */
export default async function AgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('work.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const today = todayIso()
  const id = routeId((await params).id)
  const agreement = id ? await agreementDetail(user, id, today) : null
  if (!agreement) notFound()
  const mayManage = can(user, 'work.agreement.manage') && agreement.issuerRegionId === user.regionId
  const sum = agreement.items.reduce((a, i) => a + i.weight, 0)
  const cell = 'border border-slate-400 px-2 py-1'
  return (
    <>
      <PageTitle
        actions={
          <>
            <PrintButton />
            <ButtonLink href={`/work/agreements?year=${agreement.year}`}>{t('work.agreement.back')}</ButtonLink>
          </>
        }
      >
        {agreement.title}
      </PageTitle>
      {!agreement.weightsOk ? (
        <div className="no-print mb-3">
          <Alert kind="warning">{t('work.agreement.weightsOff', { sum })}</Alert>
        </div>
      ) : null}
      <article data-testid="agreement-print" className="mx-auto max-w-[186mm] bg-white p-6 text-black shadow-sm print:p-0 print:shadow-none">
        <h2 className="text-center text-xl font-bold tracking-wide">{t('work.agreement.printTitle', { year: agreement.year })}</h2>
        <p className="mt-1 text-center">{agreement.title}</p>
        <p className="mt-4 text-sm">
          {t('work.agreement.issuer')}
          {t('common.colon')}
          {agreement.issuer}
          {t('common.gap')}
          {t('work.agreement.party')}
          {t('common.colon')}
          {agreement.party}
        </p>
        {agreement.items.length === 0 ? (
          <div className="mt-3">
            <EmptyState>{t('work.agreement.noItems')}</EmptyState>
          </div>
        ) : (
          <table className="mt-3 w-full border-collapse text-sm">
            <caption className="sr-only">{t('work.agreement.items')}</caption>
            <thead>
              <tr>
                <th className={cell}>{t('work.agreement.label')}</th>
                <th className={cell}>{t('work.agreement.target')}</th>
                <th className={cell}>{t('work.agreement.weight')}</th>
                <th className={cell}>{t('work.agreement.value')}</th>
                <th className={cell}>{t('work.agreement.attainment')}</th>
              </tr>
            </thead>
            <tbody>
              {agreement.items.map((item) => (
                <tr key={item.id} data-testid={`agreement-item-${item.id}`}>
                  <td className={cell}>{item.label}</td>
                  <td className={`${cell} text-right`}>
                    {item.target}
                    {item.unit}
                  </td>
                  <td className={`${cell} text-right`}>{item.weight}</td>
                  <td className={`${cell} text-right`}>
                    {item.value === null ? t('work.agreement.noValue') : `${item.value}${item.unit}`}
                    <span className="block text-xs text-slate-600">
                      {item.valueFrom === 'source'
                        ? t('work.agreement.fromSource')
                        : item.valueFrom === 'hand'
                          ? `${t('work.agreement.byHand')} ${item.progressOn ?? ''}`
                          : ''}
                    </span>
                  </td>
                  <td className={`${cell} text-right`}>{item.attainment === null ? '—' : `${item.attainment}%`}</td>
                </tr>
              ))}
              <tr>
                <td className={cell}>{t('work.agreement.weightsTotal')}</td>
                <td className={cell} />
                <td className={`${cell} text-right`}>{sum}</td>
                <td className={cell} />
                <td className={cell} />
              </tr>
            </tbody>
          </table>
        )}
        <div className="mt-10 grid grid-cols-2 gap-8 text-sm">
          {[
            [t('work.agreement.signIssuer'), agreement.issuer, agreement.issuerSignatory],
            [t('work.agreement.signParty'), agreement.party, agreement.partySignatory],
          ].map(([label, unit, person]) => (
            <div key={label} className="space-y-2">
              <p>
                {label}
                {t('common.colon')}
                {unit}
              </p>
              <p>
                {t('work.agreement.signatory')}
                {t('common.colon')}
                {person}
              </p>
              <p>
                {t('work.agreement.date')}
                {t('common.colon')}
                {agreement.signedOn ?? ''}
              </p>
            </div>
          ))}
        </div>
      </article>
      {agreement.scans.length > 0 ? (
        <p className="no-print mt-3 text-sm">
          {t('work.agreement.scanned')}
          {t('common.colon')}
          {agreement.scans.map((s) => (
            <a key={s.id} className="mr-2 text-brand-600 hover:underline" href={`/api/work/attachments/${s.id}`}>
              {s.name}
            </a>
          ))}
        </p>
      ) : null}
      {mayManage ? (
        <div className="no-print mt-6 space-y-4">
          {agreement.items.some((i) => i.valueFrom !== 'source') ? (
            <Card>
              <h2 className="mb-2 font-medium text-slate-800">{t('work.agreement.progress')}</h2>
              <div className="space-y-3">
                {agreement.items
                  .filter((i) => i.valueFrom !== 'source')
                  .map((i) => (
                    <div key={i.id}>
                      <p className="text-sm text-slate-700">{i.label}</p>
                      <ProgressForm itemId={i.id} label={i.label} today={today} />
                    </div>
                  ))}
              </div>
            </Card>
          ) : null}
          <Card>
            <AgreementItemForm agreementId={agreement.id} sources={sourceChoices(locale)} />
          </Card>
          <Card>
            <ScanForm agreementId={agreement.id} />
          </Card>
        </div>
      ) : null}
    </>
  )
}
