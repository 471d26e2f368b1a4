import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getPerson, placeName, placesInCounty } from '@/lib/registry/queries'
import { ethnicityName } from '@/lib/registry/ethnicities'
import { ageOn, todayIso, toIso } from '@/lib/dates'
import { allowedEvents } from '@/lib/registry/rules'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { routeId } from '@/lib/validation/fields'
import { listPersonServices, recordableTypes, typeName } from '@/lib/services/queries'
import { mayRecordType } from '@/lib/services/rules'
import { stationChoices } from '@/lib/services/stations/queries'
import { personBenefits } from '@/lib/benefits/queries'
import { yuan } from '@/lib/benefits/rules'
import type { MessageKey } from '@/lib/i18n/core'
import { ServiceList } from '@/components/services/ServiceList'
import { RecordServiceForm } from '@/components/services/ServiceForms'
import { Badge, ButtonLink, Card, EmptyState, PageTitle } from '@/components/ui'
import { EventForm } from '@/components/registry/EventForms'
import { EditPersonForm, ParentsForm, RevealId } from '@/components/registry/PersonForms'
import { Timeline } from '@/components/registry/Timeline'
import type { PersonDraft } from '@/components/registry/PersonFieldset'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('registry.person.title') }
}

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('register.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const id = routeId((await params).id)
  const person = id ? await getPerson(user, id) : null
  if (!person) notFound()
  const edit = can(user, 'register.edit') && person.alive && !person.movedOut
  const today = todayIso()
  const [services, serviceTypes, stations, benefits] = await Promise.all([
    can(user, 'service.view') ? listPersonServices(user, person.id) : [],
    can(user, 'service.record') ? recordableTypes(user, 'PERSON') : [],
    // the registered stations of the person's township the recorder may choose (a village officer: their room)
    can(user, 'service.record') ? stationChoices(user, person.townshipId) : [],
    can(user, 'benefit.view') ? personBenefits(user, person.id) : null,
  ])
  const birthDate = toIso(person.birthDate)
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd>{value ?? '—'}</dd>
    </>
  )
  const draft: PersonDraft = {
    name: person.name,
    sex: person.sex,
    birthDate,
    ethnicity: person.ethnicity,
    idNumber: '',
    phone: person.phone ?? '',
    residence: person.residence,
    migrationPlace: person.migrationPlace ?? '',
    migrationSince: person.migrationSince ? toIso(person.migrationSince) : '',
    maritalStatus: person.maritalStatus,
    education: person.education ?? '',
    occupation: person.occupation ?? '',
    hukouText: person.hukouText ?? '',
    hukouCode: person.hukouCode ?? '',
    relation: '',
  }
  // the same rule the service enforces (lib/registry/rules.ts)
  const types = can(user, 'register.edit') ? allowedEvents(person) : []
  const others = person.household?.members.filter((m) => m.id !== person.id) ?? []
  const label = (m: { name: string; relation: string | null }) => `${m.name}${m.relation ? `（${t(`registry.relation.${m.relation as 'SELF'}`)}）` : ''}`
  const newHeadChoices = person.household?.headId === person.id ? others.filter((m) => m.alive).map((m) => ({ id: m.id, label: label(m) })) : []
  // parents the clerk can choose: older members of the household, and whoever is recorded now
  const parentChoices = (sex: 'MALE' | 'FEMALE', current: { id: number; name: string } | null) => {
    const list = others.filter((m) => m.sex === sex && m.birthDate < person.birthDate).map((m) => ({ id: m.id, label: label(m) }))
    return current && !list.some((c) => c.id === current.id) ? [{ id: current.id, label: current.name }, ...list] : list
  }

  return (
    <>
      <PageTitle
        actions={
          <>
            {/* a complaint or inquiry from this resident: the intake form opens with them chosen */}
            {can(user, 'case.receive') ? <ButtonLink href={`/cases/new?personId=${person.id}`}>{t('cases.fromPerson')}</ButtonLink> : null}
            <ButtonLink href="/register">{t('common.back')}</ButtonLink>
          </>
        }
      >
        <span data-testid="person-name">{person.name}</span>
        {!person.alive ? <Badge>{t('registry.status.deceased')}</Badge> : null}
        {person.movedOut ? <Badge>{t('registry.status.movedOut')}</Badge> : null}
      </PageTitle>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {row(t('registry.fields.sex'), t(`registry.sex.${person.sex}`))}
            {row(
              t('registry.fields.birthDate'),
              `${birthDate}${t('common.paren', { text: ageOn(birthDate, person.deathDate ? toIso(person.deathDate) : todayIso()) })}`,
            )}
            {row(t('registry.fields.ethnicity'), ethnicityName(person.ethnicity, locale))}
            {row(
              t('registry.fields.idNumber'),
              person.idMasked ? (
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-mono" data-testid="masked-id">
                    {person.idMasked}
                  </span>
                  {can(user, 'register.revealId') ? <RevealId personId={person.id} /> : null}
                </span>
              ) : (
                t('registry.person.noId')
              ),
            )}
            {row(t('registry.fields.phone'), person.phone)}
            {row(t('registry.fields.residence'), t(`registry.residence.${person.residence}`))}
            {person.migrationPlace
              ? row(
                  t('registry.fields.migrationPlace'),
                  `${person.migrationPlace}${person.migrationSince ? t('common.paren', { text: toIso(person.migrationSince) }) : ''}`,
                )
              : null}
            {person.residence === 'INFLOW' || person.residence === 'OUTFLOW'
              ? row(
                  t('migration.title'),
                  <Link className="text-brand-600 hover:underline" href={`/register/migrants/${person.id}`}>
                    {t('registry.person.exchanges')}
                  </Link>,
                )
              : null}
            {person.hukouText || person.hukouCode ? row(t('registry.fields.hukouText'), [person.hukouText, person.hukouCode].filter(Boolean).join(' ')) : null}
            {row(t('registry.fields.maritalStatus'), t(`registry.marital.${person.maritalStatus}`))}
            {row(t('registry.fields.education'), person.education ? t(`registry.education.${person.education}`) : null)}
            {row(t('registry.fields.occupation'), person.occupation)}
            {row(t('registry.fields.village'), placeName(person.region))}
            {person.mother
              ? row(
                  t('registry.fields.mother'),
                  <Link className="text-brand-600 hover:underline" href={`/register/persons/${person.mother.id}`}>
                    {person.mother.name}
                  </Link>,
                )
              : null}
            {person.father
              ? row(
                  t('registry.fields.father'),
                  <Link className="text-brand-600 hover:underline" href={`/register/persons/${person.father.id}`}>
                    {person.father.name}
                  </Link>,
                )
              : null}
            {person.birthOrder
              ? row(
                  t('registry.fields.birthOrder'),
                  <span data-testid="birth-order">
                    {person.birthOrder}
                    {person.birthOrderEntered ? t('registry.person.birthOrderEntered') : ''}
                  </span>,
                )
              : null}
          </dl>
        </Card>
        <Card>
          <h2 className="mb-2 text-sm font-medium text-slate-700">{t('registry.person.household')}</h2>
          {person.household ? (
            <>
              <p className="mb-2 text-sm">
                <Link className="text-brand-600 hover:underline" href={`/register/households/${person.household.id}`}>
                  {person.household.address}
                </Link>
              </p>
              <ul className="space-y-1 text-sm">
                {person.household.members.map((m) => (
                  <li key={m.id}>
                    {m.relation ? (
                      <span className="text-slate-500">
                        {t(`registry.relation.${m.relation}`)}
                        {t('common.colon')}
                      </span>
                    ) : null}
                    {m.id === person.id ? (
                      <strong>{m.name}</strong>
                    ) : (
                      <Link className="text-brand-600 underline" href={`/register/persons/${m.id}`}>
                        {m.name}
                      </Link>
                    )}
                    {!m.alive ? <Badge>{t('registry.status.deceased')}</Badge> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-slate-500">{t('registry.person.noHousehold')}</p>
          )}
        </Card>
      </div>

      <h2 className="mb-2 mt-6 text-base font-medium">{t('registry.person.timeline')}</h2>
      <Timeline events={person.events} t={t} canCorrect={can(user, 'register.edit')} />
      {can(user, 'register.edit') ? (
        <Card className="no-print mt-3">
          <EventForm
            personId={person.id}
            version={person.version}
            types={types}
            regions={types.includes('MOVE_WITHIN') ? await placesInCounty(person.countyId) : []}
            formKey={randomUUID()}
            newHeadChoices={newHeadChoices}
          />
        </Card>
      ) : null}

      {can(user, 'register.edit') ? (
        <details className="no-print mt-6">
          <summary className="cursor-pointer text-base font-medium">{t('registry.person.parents')}</summary>
          <Card className="mt-2">
            <ParentsForm
              personId={person.id}
              version={person.version}
              motherId={person.mother?.id ?? null}
              fatherId={person.father?.id ?? null}
              mothers={parentChoices('FEMALE', person.mother)}
              fathers={parentChoices('MALE', person.father)}
            />
          </Card>
        </details>
      ) : null}

      {edit ? (
        <details className="no-print mt-6">
          <summary className="cursor-pointer text-base font-medium">{t('registry.person.edit')}</summary>
          <Card className="mt-2">
            <EditPersonForm personId={person.id} version={person.version} initial={draft} idMasked={person.idMasked} />
          </Card>
        </details>
      ) : null}

      <div className="mt-6 grid gap-4 md:grid-cols-2">
        <section aria-labelledby="person-services">
          <h2 id="person-services" className="mb-2 text-base font-medium">
            {t('registry.person.services')}
          </h2>
          {can(user, 'service.view') ? (
            <ServiceList
              records={services}
              t={t}
              locale={locale}
              today={today}
              mayChange={(r) => can(user, 'service.record') && mayRecordType(user.role, { ...r.type, active: true })}
              mayWithdraw={can(user, 'service.sensitive')}
            />
          ) : (
            <EmptyState>{t('services.record.empty')}</EmptyState>
          )}
          {serviceTypes.length > 0 && person.alive ? (
            <Card className="no-print mt-3">
              <RecordServiceForm
                personId={person.id}
                types={serviceTypes.map((x) => ({ id: x.id, name: typeName(x, locale), sensitive: x.sensitive }))}
                stations={stations}
                today={today}
                staffName={user.name}
                formKey={randomUUID()}
              />
            </Card>
          ) : null}
        </section>
        {benefits ? (
          <section>
            <h2 className="mb-2 text-base font-medium">{t('registry.person.benefits')}</h2>
            {benefits.length === 0 ? (
              <EmptyState>{t('benefits.personEmpty')}</EmptyState>
            ) : (
              <ul className="space-y-1 text-sm" data-testid="person-benefits">
                {benefits.map((b) => (
                  <li key={b.id}>
                    <Link href={`/benefits/applications/${b.id}`} className="text-brand-600 hover:underline">
                      {locale === 'en' ? b.program.nameEn : b.program.nameZh}
                    </Link>{' '}
                    · {b.appliedOn} · {t(`benefits.status.${b.status}` as MessageKey)}
                    {b.enrollment ? ` · ${t('benefits.detail.enrollment', { from: b.enrollment.startsOn, amount: yuan(b.enrollment.amountCents) })}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </div>
    </>
  )
}
