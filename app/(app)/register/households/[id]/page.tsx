import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getHousehold, placeName } from '@/lib/registry/queries'
import { ageOn, todayIso } from '@/lib/dates'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { routeId } from '@/lib/validation/fields'
import { Alert, Badge, ButtonLink, Card, PageTitle, Table, Td, Th } from '@/components/ui'
import { AddMemberForm, SetHeadForm } from '@/components/registry/PersonForms'
import { MoveInForm } from '@/components/registry/EventForms'
import { Timeline } from '@/components/registry/Timeline'
import { specialFamilyOf } from '@/lib/services/queries'
import { SpecialFamilyForm } from '@/components/services/ServiceForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('registry.householdPage.title') }
}

export default async function HouseholdPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const user = await requireUser('register.view')
  const t = await getT()
  const id = routeId((await params).id)
  const household = id ? await getHousehold(user, id) : null
  const family = household && (can(user, 'service.view') || can(user, 'service.families')) ? await specialFamilyOf(user, household.id) : null
  if (!household) notFound()
  const { created } = await searchParams
  const edit = can(user, 'register.edit')
  const today = todayIso()
  const names = new Map(household.members.map((m) => [m.id, m.name]))
  return (
    <>
      <PageTitle actions={<ButtonLink href="/register">{t('common.back')}</ButtonLink>}>
        {t('registry.householdPage.title')} · {household.address}
      </PageTitle>
      {created ? (
        <div className="mb-3">
          <Alert kind="success">{t('registry.householdPage.created')}</Alert>
        </div>
      ) : null}
      {household.headId === null ? (
        <div className="mb-3">
          <Alert kind="warning">{t('registry.householdPage.noHead')}</Alert>
          {edit && household.members.some((m) => m.alive) ? (
            <Card className="no-print mt-2">
              <SetHeadForm
                householdId={household.id}
                members={household.members
                  .filter((m) => m.alive)
                  .map((m) => ({ id: m.id, label: `${m.name}（${m.relation ? t(`registry.relation.${m.relation}`) : '—'}）` }))}
              />
            </Card>
          ) : null}
        </div>
      ) : null}
      <Card className="mb-4">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t('registry.fields.region')}</dt>
          <dd>{placeName(household.region)}</dd>
          <dt className="text-slate-500">{t('registry.fields.householdType')}</dt>
          <dd>{t(`registry.householdType.${household.type}`)}</dd>
          <dt className="text-slate-500">{t('registry.householdPage.number')}</dt>
          <dd className="font-mono">{household.id}</dd>
        </dl>
      </Card>
      <h2 className="mb-2 text-base font-medium">{t('registry.fields.members')}</h2>
      <Table>
        <thead>
          <tr>
            <Th>{t('registry.fields.relation')}</Th>
            <Th>{t('registry.fields.name')}</Th>
            <Th>{t('registry.fields.sex')}</Th>
            <Th>{t('registry.fields.age')}</Th>
            <Th>{t('registry.fields.idNumber')}</Th>
            <Th>{t('registry.fields.residence')}</Th>
          </tr>
        </thead>
        <tbody data-testid="members" className="divide-y divide-slate-100">
          {household.members.map((m) => (
            <tr key={m.id}>
              <Td>{m.relation ? t(`registry.relation.${m.relation}`) : '—'}</Td>
              <Td>
                <Link className="text-brand-600 hover:underline" href={`/register/persons/${m.id}`}>
                  {m.name}
                </Link>
                {!m.alive ? <Badge>{t('registry.status.deceased')}</Badge> : null}
              </Td>
              <Td>{t(`registry.sex.${m.sex}`)}</Td>
              <Td>{ageOn(m.birthDate, today)}</Td>
              <Td className="font-mono">{m.idMasked ?? '—'}</Td>
              <Td>{t(`registry.residenceShort.${m.residence}`)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <h2 className="mb-2 mt-6 text-base font-medium">{t('registry.householdPage.history')}</h2>
      <Timeline
        events={household.events}
        t={t}
        canCorrect={false}
        names={new Map([...names, ...household.events.map((e) => [e.personId, e.person.name] as [number, string])])}
      />
      {edit ? (
        <div className="no-print mt-6 space-y-4">
          <details>
            <summary className="cursor-pointer text-base font-medium">{t('registry.person.addMember')}</summary>
            <Card className="mt-2">
              <AddMemberForm householdId={household.id} formKey={randomUUID()} />
            </Card>
          </details>
          <details>
            <summary className="cursor-pointer text-base font-medium">{t('registry.events.types.MOVE_IN')}</summary>
            <Card className="mt-2">
              <MoveInForm householdId={household.id} formKey={randomUUID()} />
            </Card>
          </details>
        </div>
      ) : null}
      {can(user, 'service.view') || can(user, 'service.families') ? (
        <section className="no-print mt-6" aria-labelledby="special-family">
          <h2 id="special-family" className="mb-2 text-base font-medium">
            {t('services.family.title')}
          </h2>
          {family?.active ? (
            <p className="mb-2 text-sm" data-testid="special-family">
              {t('services.family.flagged', { township: family.townshipContact, village: family.villageContact })}
            </p>
          ) : null}
          {can(user, 'service.families') ? (
            <details>
              <summary className="cursor-pointer text-sm text-brand-600">{t('services.family.flag')}</summary>
              <Card className="mt-2">
                <SpecialFamilyForm householdId={household.id} today={todayIso()} current={family} />
              </Card>
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  )
}
