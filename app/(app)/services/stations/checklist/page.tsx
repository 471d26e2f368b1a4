import type { Metadata } from 'next'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { checklistItems } from '@/lib/services/stations/queries'
import { Badge, Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { ChecklistItemForm } from '@/components/services/StationForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('stations.checklist.title') }
}

/** The county's standardisation checklist (规范化建设): the county administrator adds and edits items. */
export default async function ChecklistPage() {
  const user = await requireUser('service.catalogue')
  const t = await getT()
  const items = await checklistItems(user)
  return (
    <>
      <PageTitle>{t('stations.checklist.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('stations.checklist.intro')}</p>
      {items.length === 0 ? (
        <EmptyState>{t('stations.checklist.empty')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('stations.checklist.code')}</Th>
              <Th>{t('stations.checklist.nameZh')}</Th>
              <Th>{t('stations.checklist.sortOrder')}</Th>
              <Th>{t('common.actions')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((item) => (
              <tr key={item.id} data-testid="checklist-item">
                <Td className="font-mono">{item.code}</Td>
                <Td>
                  {item.nameZh}
                  <span className="block text-xs text-slate-500">{item.nameEn}</span>
                  {item.core ? <Badge tone="amber">{t('stations.check.core')}</Badge> : null}
                  {!item.active ? <Badge>{t('stations.inactive')}</Badge> : null}
                </Td>
                <Td className="tabular-nums">{item.sortOrder}</Td>
                <Td>
                  <details>
                    <summary className="cursor-pointer text-brand-600">{t('stations.checklist.edit')}</summary>
                    <div className="mt-2 w-[40rem] max-w-[80vw]">
                      <ChecklistItemForm draft={{ ...item, itemId: item.id }} />
                    </div>
                  </details>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Card className="mt-6">
        <h2 className="mb-3 font-medium text-slate-800">{t('stations.checklist.create')}</h2>
        <ChecklistItemForm />
      </Card>
    </>
  )
}
