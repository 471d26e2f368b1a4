import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getT } from '@/lib/i18n/server'
import { actorOf, requireUser } from '@/lib/server/session'
import { auditDenied } from '@/lib/server/audit'
import { listInstitutions, placesPerThousandView } from '@/lib/services/stations/queries'
import { mayViewChildcare } from '@/lib/services/stations/scope'
import { regionOptions } from '@/lib/regions/queries'
import { optionalId } from '@/lib/validation/fields'
import { Badge, Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { InstitutionForm } from '@/components/services/StationForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('stations.childcare.title') }
}

/**
 * Childcare institutions (托育机构) and 千人口拥有3岁以下婴幼儿托位数 per township: the county sees all
 * townships, a township its own; a township's staff register and edit their institutions.
 */
export default async function ChildcarePage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser()
  if (!mayViewChildcare(user)) {
    await auditDenied(await actorOf(user), 'service.view')
    notFound()
  }
  const t = await getT()
  const townshipId = optionalId.catch(undefined).parse((await searchParams).townshipId)
  const [view, institutions, townships] = await Promise.all([
    placesPerThousandView(user),
    listInstitutions(user, townshipId),
    user.regionLevel === 'COUNTY' ? regionOptions(user, { levels: ['TOWNSHIP'], activeOnly: true }) : [],
  ])
  const manage = can(user, 'service.childcare')
  return (
    <>
      <PageTitle>{t('stations.childcare.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('stations.childcare.intro')}</p>
      {view ? (
        <Table>
          <thead>
            <tr>
              <Th>{t('stations.field.township')}</Th>
              <Th>{t('stations.childcare.institutions')}</Th>
              <Th>{t('stations.childcare.places')}</Th>
              <Th>{t('stations.childcare.residents')}</Th>
              <Th>{t('stations.childcare.perThousand')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {view.rows.map((r) => (
              <tr key={r.townshipId} data-testid="places-row">
                <Td>
                  <a className="text-brand-600 underline" href={`/services/childcare?townshipId=${r.townshipId}#institutions`}>
                    {r.name}
                  </a>
                </Td>
                <Td className="tabular-nums">{r.institutions}</Td>
                <Td className="tabular-nums">{r.places}</Td>
                <Td className="tabular-nums">{r.residents}</Td>
                <Td className="tabular-nums">{r.perThousand === null ? '—' : r.perThousand.toFixed(2)}</Td>
              </tr>
            ))}
            {view.rows.length > 1 ? (
              <tr className="bg-slate-50 font-medium" data-testid="places-total">
                <Td>{t('services.total')}</Td>
                <Td className="tabular-nums">{view.total.institutions}</Td>
                <Td className="tabular-nums">{view.total.places}</Td>
                <Td className="tabular-nums">{view.total.residents}</Td>
                <Td className="tabular-nums">{view.total.perThousand === null ? '—' : view.total.perThousand.toFixed(2)}</Td>
              </tr>
            ) : null}
          </tbody>
        </Table>
      ) : null}
      <p className="mt-2 mb-6 max-w-4xl text-xs text-slate-600">{t('stations.childcare.rule', { date: view?.at ?? '' })}</p>

      <h2 id="institutions" className="mb-2 text-lg font-medium text-slate-800">
        {t('stations.childcare.list')}
      </h2>
      {institutions.length === 0 ? (
        <EmptyState>{t('stations.childcare.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('stations.childcare.name')}</Th>
              <Th>{t('stations.field.township')}</Th>
              <Th>{t('stations.childcare.licence')}</Th>
              <Th>{t('stations.childcare.operator')}</Th>
              <Th>{t('stations.childcare.places')}</Th>
              <Th>{t('stations.childcare.placesInUse')}</Th>
              <Th>{t('stations.childcare.address')}</Th>
              {manage ? <Th>{t('common.actions')}</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {institutions.map((i) => (
              <tr key={i.id} data-testid="institution">
                <Td>
                  {i.name}
                  {!i.active ? <Badge>{t('stations.inactive')}</Badge> : null}
                </Td>
                <Td>{i.townshipName}</Td>
                <Td className="font-mono">{i.licence}</Td>
                <Td>{t(`stations.operator.${i.operator}`)}</Td>
                <Td className="tabular-nums">{i.places}</Td>
                <Td className="tabular-nums">{i.placesInUse}</Td>
                <Td>{i.address}</Td>
                {manage ? (
                  <Td>
                    <details>
                      <summary className="cursor-pointer text-brand-600">{t('stations.childcare.edit')}</summary>
                      <div className="mt-2 w-[40rem] max-w-[80vw]">
                        <InstitutionForm key={i.version} draft={{ ...i, institutionId: i.id }} />
                      </div>
                    </details>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {manage ? (
        <Card className="no-print mt-6">
          <h2 className="mb-3 font-medium text-slate-800">{t('stations.childcare.create')}</h2>
          <InstitutionForm townships={townships.map((x) => ({ id: x.id, name: x.name }))} formKey={randomUUID()} />
        </Card>
      ) : null}
    </>
  )
}
