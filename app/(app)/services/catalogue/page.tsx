import type { Metadata } from 'next'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { listTypes } from '@/lib/services/queries'
import { Badge, Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { TypeForm } from '@/components/services/ServiceForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('services.catalogue.title') }
}

/** The county's service catalogue: the county administrator lists, adds and edits service types. */
export default async function CataloguePage() {
  const user = await requireUser('service.catalogue')
  const t = await getT()
  const types = await listTypes(user)
  return (
    <>
      <PageTitle>{t('services.catalogue.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('services.catalogue.intro')}</p>
      {types.length === 0 ? (
        <EmptyState>{t('services.catalogue.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('services.catalogue.code')}</Th>
              <Th>{t('services.catalogue.nameZh')}</Th>
              <Th>{t('services.catalogue.deliveredBy')}</Th>
              <Th>{t('services.catalogue.target')}</Th>
              <Th>{t('services.catalogue.schedule')}</Th>
              <Th>{t('common.actions')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {types.map((type) => (
              <tr key={type.id} data-testid="service-type">
                <Td className="font-mono">{type.code}</Td>
                <Td>
                  {type.nameZh}
                  <span className="block text-xs text-slate-500">{type.nameEn}</span>
                  {type.sensitive ? <Badge tone="amber">{t('services.sensitive')}</Badge> : null}
                  {!type.active ? <Badge>{t('services.catalogue.inactive')}</Badge> : null}
                </Td>
                <Td>{t(`services.deliverer.${type.deliveredBy}`)}</Td>
                <Td>{t(`services.target.${type.target}`)}</Td>
                <Td>
                  {t(`services.schedule.${type.schedule}`)}
                  {type.scheduleValues.length > 0 ? <span className="block text-xs text-slate-500">{type.scheduleValues.join(', ')}</span> : null}
                </Td>
                <Td>
                  <details>
                    <summary className="cursor-pointer text-brand-600">{t('services.catalogue.edit')}</summary>
                    <div className="mt-2 w-[40rem] max-w-[80vw]">
                      <TypeForm draft={{ ...type, typeId: type.id, scheduleValues: type.scheduleValues.join(',') }} />
                    </div>
                  </details>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Card className="mt-6">
        <h2 className="mb-3 font-medium text-slate-800">{t('services.catalogue.create')}</h2>
        <TypeForm />
      </Card>
    </>
  )
}
