import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getLocale, getT } from '@/lib/i18n/server'
import { actorOf, requireUser } from '@/lib/server/session'
import { auditDenied } from '@/lib/server/audit'
import { todayIso } from '@/lib/dates'
import { routeId } from '@/lib/validation/fields'
import { checklistItems, findResidents, getStation, stationChecks } from '@/lib/services/stations/queries'
import { dayListSchema } from '@/lib/services/stations/schemas'
import { listRecords, recordableTypes, typeName } from '@/lib/services/queries'
import { mayViewStations } from '@/lib/services/stations/scope'
import { Badge, buttonClass, Card, EmptyState, Field, inputClass, PageTitle } from '@/components/ui'
import { ServiceList } from '@/components/services/ServiceList'
import { RecordServiceForm } from '@/components/services/ServiceForms'
import { CheckForm, StationForm } from '@/components/services/StationForms'
import { Verdict } from '@/components/services/StationViews'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('stations.title') }
}

/** One station or room: its details, its checks (newest first, with photos), and for its managers the edit and check forms. */
export default async function StationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser()
  if (!mayViewStations(user)) {
    await auditDenied(await actorOf(user), 'service.view')
    notFound()
  }
  const id = routeId((await params).id)
  const station = id ? await getStation(user, id) : null
  if (!station) notFound()
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const manage = can(user, 'service.station.manage')
  const today = todayIso()
  const { day: chosenDay, q } = dayListSchema.parse(await searchParams)
  const day = chosenDay && chosenDay <= today ? chosenDay : today
  const records = can(user, 'service.record') || can(user, 'service.view')
  const recorder = can(user, 'service.record') && station.active
  const [checks, items, dayList, types, people] = await Promise.all([
    stationChecks(station.id),
    manage ? checklistItems(user, true) : [],
    can(user, 'service.view') ? listRecords(user, { stationId: station.id, from: day, to: day }, 200) : null,
    recorder ? recordableTypes(user, 'PERSON') : [],
    recorder && q ? findResidents(user, q, station) : null,
  ])
  const label = (s: { nameZh: string; nameEn: string }) => (locale === 'en' ? s.nameEn : s.nameZh)
  return (
    <>
      <nav className="mb-2 text-sm" aria-label={t('stations.title')}>
        <Link className="text-brand-600 underline" href="/services/stations">
          {t('stations.title')}
        </Link>
      </nav>
      <PageTitle>{station.name}</PageTitle>
      <Card className="mb-6">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="station-details">
          <dt className="text-slate-500">{t('stations.field.kind')}</dt>
          <dd>
            {t(`stations.kind.${station.kind}`)}
            {!station.active ? <Badge>{t('stations.inactive')}</Badge> : null}
          </dd>
          <dt className="text-slate-500">{t('stations.field.township')}</dt>
          <dd>
            {station.townshipName}
            {station.villageName ? ` / ${station.villageName}` : ''}
          </dd>
          <dt className="text-slate-500">{t('stations.field.address')}</dt>
          <dd>{station.address}</dd>
          <dt className="text-slate-500">{t('stations.field.openingHours')}</dt>
          <dd>{station.openingHours}</dd>
          <dt className="text-slate-500">{t('stations.field.phone')}</dt>
          <dd>{station.phone ?? '—'}</dd>
          <dt className="text-slate-500">{t('stations.field.staff')}</dt>
          <dd>{station.staff.join('、') || '—'}</dd>
          <dt className="text-slate-500">{t('stations.field.equipment')}</dt>
          <dd>
            {station.equipment.length === 0 ? (
              '—'
            ) : (
              <ul className="list-inside list-disc">
                {station.equipment.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
          </dd>
          <dt className="text-slate-500">{t('stations.standardFilter')}</dt>
          <dd data-testid="station-verdict">
            <Verdict meets={station.meetsStandard} checkedOn={station.checkedOn} t={t} />
          </dd>
        </dl>
      </Card>

      {records && dayList ? (
        <section className="mb-6" aria-labelledby="day-title">
          <h2 id="day-title" className="mb-2 text-lg font-medium text-slate-800">
            {t('stations.day.title')}
          </h2>
          <p className="mb-2 max-w-3xl text-sm text-slate-600">{t('stations.day.intro')}</p>
          <form className="no-print mb-3 flex flex-wrap items-end gap-3" role="search" aria-label={t('stations.day.title')}>
            <div className="w-48">
              <Field label={t('stations.day.date')} name="day">
                <input id="day" name="day" type="date" max={today} defaultValue={day} className={inputClass} />
              </Field>
            </div>
            {q ? <input type="hidden" name="q" value={q} /> : null}
            <button type="submit" className={buttonClass.secondary}>
              {t('stations.day.show')}
            </button>
          </form>
          <h3 className="mb-2 font-medium text-slate-800" data-testid="day-heading">
            {t('stations.day.records', { day })}
          </h3>
          {dayList.rows.length === 0 ? (
            <EmptyState>{t('stations.day.none')}</EmptyState>
          ) : (
            <ServiceList records={dayList.rows} t={t} locale={locale} today={today} mayChange={() => false} mayWithdraw={false} showPerson />
          )}
          {recorder ? (
            <Card className="no-print mt-4">
              <h3 className="mb-2 font-medium text-slate-800">{t('stations.day.find')}</h3>
              <form className="mb-3 flex flex-wrap items-end gap-3" role="search" aria-label={t('stations.day.find')}>
                <input type="hidden" name="day" value={day} />
                <div className="w-56">
                  <Field label={t('stations.day.name')} name="q">
                    <input id="q" name="q" defaultValue={q} maxLength={50} className={inputClass} />
                  </Field>
                </div>
                <button type="submit" className={buttonClass.secondary}>
                  {t('stations.day.search')}
                </button>
              </form>
              {people === null ? null : people.length === 0 ? (
                <p className="text-sm text-slate-700">{t('stations.day.noPerson')}</p>
              ) : (
                <ul className="space-y-2" aria-label={t('stations.day.results')}>
                  {people.map((p) => (
                    <li key={p.id} className="rounded-md border border-slate-200 p-3" data-testid="day-person">
                      <details>
                        <summary className="cursor-pointer text-brand-600">
                          {t('stations.day.recordFor', { name: p.name })}
                          <span className="ml-2 text-sm text-slate-600">
                            {p.place} {p.birthYear}
                          </span>
                        </summary>
                        <div className="mt-2">
                          <RecordServiceForm
                            personId={p.id}
                            types={types.map((x) => ({ id: x.id, name: typeName(x, locale), sensitive: x.sensitive }))}
                            stations={[{ id: station.id, name: station.name }]}
                            stationId={station.id}
                            today={day}
                            staffName={user.name}
                            formKey={randomUUID()}
                            title={t('stations.day.recordFor', { name: p.name })}
                          />
                        </div>
                      </details>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ) : null}
        </section>
      ) : null}

      <h2 className="mb-2 text-lg font-medium text-slate-800">{t('stations.check.history')}</h2>
      {checks.length === 0 ? (
        <EmptyState>{t('stations.check.none')}</EmptyState>
      ) : (
        <ol className="mb-6 space-y-3">
          {checks.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="station-check">
              <p className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                <strong>{c.checkedOn}</strong>
                <span>{c.checkedBy}</span>
                <Badge tone={c.meetsStandard ? 'green' : 'red'}>{c.meetsStandard ? t('stations.meets.yes') : t('stations.meets.no')}</Badge>
                <span className="text-slate-600">{t('stations.check.points', { points: c.points, max: c.max })}</span>
              </p>
              <ul className="grid gap-1 text-sm sm:grid-cols-2">
                {c.scores.map((s) => (
                  <li key={s.itemId}>
                    {label(s)}
                    {s.core ? <span className="text-xs text-slate-500">{t('common.paren', { text: t('stations.check.core') })}</span> : null}
                    {': '}
                    <span className={s.score === 'MET' ? 'text-green-800' : s.score === 'PARTLY' ? 'text-amber-800' : 'text-red-700'}>
                      {t(`stations.score.${s.score}`)}
                    </span>
                    {s.note ? <span className="text-slate-600">{t('common.paren', { text: s.note })}</span> : null}
                  </li>
                ))}
              </ul>
              {c.notes ? <p className="mt-2 text-sm text-slate-700">{c.notes}</p> : null}
              {c.photos.length > 0 ? (
                <p className="mt-2 flex flex-wrap gap-2">
                  {c.photos.map((a) => (
                    <a key={a.id} href={`/api/services/stations/photos/${a.id}`} className="text-brand-600 underline" target="_blank" rel="noopener">
                      {a.thumbnail ? (
                        // eslint-disable-next-line @next/next/no-img-element -- a scoped, audited route, not a static image
                        <img src={`/api/services/stations/photos/${a.id}?thumb=1`} alt={a.name} className="h-16 w-auto rounded border border-slate-200" />
                      ) : (
                        a.name
                      )}
                    </a>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      {manage ? (
        <>
          <Card className="no-print mb-6">
            {items.length === 0 ? (
              <p className="text-sm text-slate-600">{t('stations.errors.noChecklist')}</p>
            ) : (
              <CheckForm
                stationId={station.id}
                items={items.map((i) => ({ id: i.id, name: label(i), core: i.core }))}
                today={today}
                checkedBy={user.name}
                formKey={randomUUID()}
              />
            )}
          </Card>
          <Card className="no-print">
            <h2 className="mb-3 font-medium text-slate-800">{t('stations.edit')}</h2>
            <StationForm
              key={station.version}
              draft={{
                stationId: station.id,
                version: station.version,
                name: station.name,
                address: station.address,
                openingHours: station.openingHours,
                phone: station.phone,
                staff: station.staff,
                equipment: station.equipment,
                active: station.active,
              }}
            />
          </Card>
        </>
      ) : null}
    </>
  )
}
