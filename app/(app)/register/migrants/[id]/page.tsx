import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { getMigrant } from '@/lib/migration/queries'
import { routeId } from '@/lib/migration/schemas'
import { daysBetween, todayIso } from '@/lib/dates'
import { ButtonLink, Card, EmptyState, PageTitle } from '@/components/ui'
import { ExchangeStatusBadge } from '@/components/migration/ExchangeStatus'
import { RecordAnswerForm, RecordNoticeForm } from '@/components/migration/ExchangeForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('migration.title') }
}

export default async function MigrantPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('register.view')
  const t = await getT()
  const personId = routeId((await params).id)
  const today = todayIso()
  const migrant = personId ? await getMigrant(user, personId, today) : null
  if (!migrant) notFound()
  const edit = can(user, 'register.edit')
  const placeLabel = t(`migration.place.${migrant.direction}`)
  return (
    <>
      <PageTitle actions={<ButtonLink href={`/register/persons/${migrant.id}`}>{t('migration.person.openPerson')}</ButtonLink>}>
        {t('migration.person.title', { name: migrant.name })}
      </PageTitle>
      <nav aria-label="breadcrumb" className="mb-3 text-sm text-slate-600">
        <Link className="text-brand-600 hover:underline" href="/register/migrants">
          {t('migration.title')}
        </Link>
        <span className="mx-1">/</span>
        <span className="font-medium text-slate-900">{migrant.name}</span>
      </nav>
      <Card className="mb-4">
        <h2 className="mb-2 font-medium text-slate-800">{t('migration.person.details')}</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-slate-500">{t('migration.list.direction')}</dt>
          <dd data-testid="migrant-direction">{t(`migration.direction.${migrant.direction}`)}</dd>
          <dt className="text-slate-500">{placeLabel}</dt>
          <dd>{migrant.place ?? t('migration.person.unknown')}</dd>
          <dt className="text-slate-500">{t('migration.list.since')}</dt>
          <dd>{migrant.since ?? t('migration.person.unknown')}</dd>
          <dt className="text-slate-500">{t('migration.list.phone')}</dt>
          <dd className="font-mono">{migrant.phone ?? t('migration.person.noPhone')}</dd>
          <dt className="text-slate-500">{t('registry.fields.sex')}</dt>
          <dd>{t(`registry.sex.${migrant.sex}`)}</dd>
          <dt className="text-slate-500">{t('registry.fields.birthDate')}</dt>
          <dd>{migrant.birthDate}</dd>
          <dt className="text-slate-500">{t('registry.fields.idNumber')}</dt>
          <dd className="font-mono">{migrant.idMasked ?? t('registry.person.noId')}</dd>
          <dt className="text-slate-500">{t('migration.list.village')}</dt>
          <dd>{`${migrant.townshipName} ${migrant.regionName}`}</dd>
          <dt className="text-slate-500">{t('migration.person.address')}</dt>
          <dd>{migrant.address ?? ''}</dd>
          <dt className="text-slate-500">{t('migration.person.hukou')}</dt>
          <dd>{migrant.hukouText ?? (migrant.direction === 'OUTFLOW' ? migrant.countyName : t('migration.person.unknown'))}</dd>
        </dl>
      </Card>

      <h2 className="mb-2 font-medium text-slate-800">{t('migration.person.exchanges')}</h2>
      {migrant.exchanges.length === 0 ? (
        <EmptyState>{t('migration.person.noExchanges')}</EmptyState>
      ) : (
        <ul data-testid="exchanges" className="space-y-3">
          {migrant.exchanges.map((e) => (
            <li key={e.id} data-testid={`exchange-${e.id}`}>
              <Card>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="space-x-2 text-sm">
                    <ExchangeStatusBadge status={e.status} t={t} />
                    <span className="font-medium">{e.otherCounty}</span>
                    <span className="text-slate-600">
                      {t('migration.exchange.sentOn')} {e.sentOn}
                    </span>
                    {e.status !== 'answered' ? (
                      <span className="text-slate-500">{t('migration.exchange.days', { days: daysBetween(e.sentOn, today) })}</span>
                    ) : null}
                  </div>
                  <ButtonLink href={`/register/migrants/${migrant.id}/print/${e.id}`}>{t('migration.exchange.print')}</ButtonLink>
                </div>
                {e.answeredOn ? (
                  <p className="mt-2 text-sm text-slate-700">
                    <span className="text-slate-500">
                      {t('migration.exchange.answeredOn')} {e.answeredOn}
                      {t('common.colon')}
                    </span>
                    {e.answer}
                  </p>
                ) : edit ? (
                  <RecordAnswerForm exchangeId={e.id} today={today} />
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
      {edit ? (
        <Card className="mt-4">
          <RecordNoticeForm
            personId={migrant.id}
            defaultCounty={migrant.exchanges[0]?.otherCounty ?? migrant.place ?? ''}
            today={today}
            formKey={randomUUID()}
          />
        </Card>
      ) : null}
    </>
  )
}
