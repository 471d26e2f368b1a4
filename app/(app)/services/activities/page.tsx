import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import { can } from '@/lib/access/permissions'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { listRecords, recordableTypes, typeName } from '@/lib/services/queries'
import { mayRecordType } from '@/lib/services/rules'
import { stationChoices } from '@/lib/services/stations/queries'
import { regionForFigures } from '@/lib/regions/queries'
import { Card, PageTitle } from '@/components/ui'
import { ServiceList } from '@/components/services/ServiceList'
import { ActivityForm } from '@/components/services/ServiceForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('services.activity.title') }
}

/** Group activities (健康教育活动) of the user's region, and the form that records one. */
export default async function ActivitiesPage() {
  const user = await requireUser('service.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const today = todayIso()
  const [activities, types, region, stations] = await Promise.all([
    listRecords(user, { target: 'GROUP' }),
    can(user, 'service.record') ? recordableTypes(user, 'GROUP') : [],
    regionForFigures(user),
    can(user, 'service.record') ? stationChoices(user) : [],
  ])
  const villages = user.regionLevel === 'TOWNSHIP' ? (region?.children ?? []) : []
  return (
    <>
      <PageTitle>{t('services.activity.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('services.activity.intro')}</p>
      {types.length > 0 ? (
        <Card className="no-print mb-6">
          <ActivityForm
            types={types.map((x) => ({ id: x.id, name: typeName(x, locale), sensitive: x.sensitive }))}
            villages={villages}
            stations={stations}
            today={today}
            staffName={user.name}
            formKey={randomUUID()}
          />
        </Card>
      ) : null}
      {activities.total > activities.rows.length ? (
        <p className="mb-2 text-sm text-slate-600">{t('services.record.shown', { total: activities.total, shown: activities.rows.length })}</p>
      ) : null}
      <ServiceList
        records={activities.rows}
        t={t}
        locale={locale}
        today={today}
        mayChange={(r) => can(user, 'service.record') && mayRecordType(user.role, { ...r.type, active: true })}
        mayWithdraw={false}
      />
    </>
  )
}
