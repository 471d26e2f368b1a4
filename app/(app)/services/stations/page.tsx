import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { auditDenied } from '@/lib/server/audit'
import { actorOf } from '@/lib/server/session'
import { listStations } from '@/lib/services/stations/queries'
import { mayViewStations } from '@/lib/services/stations/scope'
import { STATION_KINDS, stationFilterSchema } from '@/lib/services/stations/schemas'
import { regionOptions } from '@/lib/regions/queries'
import { regionComboboxOptions } from '@/lib/regions/search-keys'
import { Badge, buttonClass, ButtonLink, Card, EmptyState, Field, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'
import { StationForm } from '@/components/services/StationForms'
import { Verdict } from '@/components/services/StationViews'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('stations.title') }
}

/** The stations registry (服务站/服务室) of the user's region: filters, pages, and a new station. */
export default async function StationsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser()
  if (!mayViewStations(user)) {
    await auditDenied(await actorOf(user), 'service.view')
    notFound()
  }
  const t = await getT()
  const filter = stationFilterSchema.parse(await searchParams)
  const [page, townships, villages] = await Promise.all([
    listStations(user, filter),
    user.regionLevel === 'COUNTY' ? regionOptions(user, { levels: ['TOWNSHIP'], activeOnly: true }) : [],
    can(user, 'service.station.manage') ? regionOptions(user, { levels: ['VILLAGE'], activeOnly: true }) : [],
  ])
  const params = (p: number) => {
    const q = new URLSearchParams()
    if (filter.townshipId) q.set('townshipId', String(filter.townshipId))
    if (filter.kind) q.set('kind', filter.kind)
    if (filter.standard) q.set('standard', filter.standard)
    if (filter.q) q.set('q', filter.q)
    if (p > 1) q.set('page', String(p))
    return `/services/stations?${q}`
  }
  return (
    <>
      <PageTitle
        actions={
          <span className="flex gap-2">
            {user.regionLevel !== 'VILLAGE' ? <ButtonLink href="/services/stations/standard">{t('stations.standard.title')}</ButtonLink> : null}
            {can(user, 'service.catalogue') ? <ButtonLink href="/services/stations/checklist">{t('stations.checklist.title')}</ButtonLink> : null}
          </span>
        }
      >
        {t('stations.title')}
      </PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('stations.intro')}</p>
      {user.regionLevel !== 'VILLAGE' ? (
        <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('stations.filters')}>
          {townships.length > 0 ? (
            <div className="w-48">
              <Field label={t('stations.field.township')} name="f-townshipId">
                <select id="f-townshipId" name="townshipId" defaultValue={filter.townshipId ?? ''} className={inputClass}>
                  <option value="">{t('stations.any')}</option>
                  {townships.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          ) : null}
          <div className="w-40">
            <Field label={t('stations.field.kind')} name="f-kind">
              <select id="f-kind" name="kind" defaultValue={filter.kind ?? ''} className={inputClass}>
                <option value="">{t('stations.any')}</option>
                {STATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`stations.kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="w-40">
            <Field label={t('stations.standardFilter')} name="f-standard">
              <select id="f-standard" name="standard" defaultValue={filter.standard ?? ''} className={inputClass}>
                <option value="">{t('stations.any')}</option>
                <option value="yes">{t('stations.meets.yes')}</option>
                <option value="no">{t('stations.meets.no')}</option>
                <option value="unchecked">{t('stations.meets.unchecked')}</option>
              </select>
            </Field>
          </div>
          <div className="w-48">
            <Field label={t('stations.field.name')} name="f-q">
              <input id="f-q" name="q" defaultValue={filter.q} maxLength={50} className={inputClass} />
            </Field>
          </div>
          <button type="submit" className={buttonClass.secondary}>
            {t('stations.search')}
          </button>
        </form>
      ) : null}
      {page.total === 0 ? (
        <EmptyState>{t('stations.empty')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('stations.field.name')}</Th>
                <Th>{t('stations.field.kind')}</Th>
                <Th>{t('stations.field.township')}</Th>
                <Th>{t('stations.field.openingHours')}</Th>
                <Th>{t('stations.field.phone')}</Th>
                <Th>{t('stations.standardFilter')}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((s) => (
                <tr key={s.id} data-testid="station-row">
                  <Td>
                    <Link className="text-brand-600 underline" href={`/services/stations/${s.id}`}>
                      {s.name}
                    </Link>
                    {!s.active ? <Badge>{t('stations.inactive')}</Badge> : null}
                  </Td>
                  <Td>{t(`stations.kind.${s.kind}`)}</Td>
                  <Td>
                    {s.townshipName}
                    {s.villageName ? <span className="block text-xs text-slate-500">{s.villageName}</span> : null}
                  </Td>
                  <Td>{s.openingHours}</Td>
                  <Td>{s.phone ?? ''}</Td>
                  <Td>
                    <Verdict meets={s.meetsStandard} checkedOn={s.checkedOn} t={t} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} href={params} />
        </>
      )}
      {can(user, 'service.station.manage') ? (
        <Card className="no-print mt-6">
          <h2 className="mb-3 font-medium text-slate-800">{t('stations.create')}</h2>
          <StationForm
            townships={townships.map((x) => ({ id: x.id, name: x.name }))}
            villages={regionComboboxOptions(
              villages.map((v) => ({ id: v.id, label: v.parentName && user.regionLevel === 'COUNTY' ? `${v.parentName} / ${v.name}` : v.name, keys: v.keys })),
            )}
            formKey={randomUUID()}
          />
        </Card>
      ) : null}
    </>
  )
}
