import type { Metadata } from 'next'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { recordsBehind } from '@/lib/services/queries'
import { coverageFilterSchema } from '@/lib/services/schemas'
import { ButtonLink, EmptyState, PageTitle } from '@/components/ui'
import { ServiceList } from '@/components/services/ServiceList'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('services.record.title') }
}

/** The service records behind one coverage figure (only those the user may see). */
export default async function RecordsBehindPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('service.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const today = todayIso()
  const filter = coverageFilterSchema.parse(await searchParams)
  const found = await recordsBehind(user, filter, today)
  const back = `/services?${new URLSearchParams({ ...(filter.period ? { period: filter.period } : {}), ...(filter.regionId ? { regionId: String(filter.regionId) } : {}) })}`
  if (!found) {
    return (
      <>
        <PageTitle actions={<ButtonLink href={back}>{t('common.back')}</ButtonLink>}>{t('services.record.title')}</PageTitle>
        <EmptyState>{t('services.record.empty')}</EmptyState>
      </>
    )
  }
  return (
    <>
      <PageTitle actions={<ButtonLink href={back}>{t('common.back')}</ButtonLink>}>
        {t('services.record.behind', { indicator: t(`services.indicator.${found.indicator}`) })}
      </PageTitle>
      <p className="mb-2 text-sm text-slate-600">
        {t('services.record.behindIntro', { region: found.view.region.name, period: `${found.view.period.start} – ${found.view.period.end}` })}
      </p>
      <p className="mb-4 text-sm text-slate-600">{t('services.record.shown', { total: found.total, shown: found.rows.length })}</p>
      <ServiceList records={found.rows} t={t} locale={locale} today={today} mayChange={() => false} mayWithdraw={false} showPerson />
    </>
  )
}
