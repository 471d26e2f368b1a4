import type { Metadata } from 'next'
import { can } from '@/lib/access/permissions'
import { currentTownships, regionChangesFor } from '@/lib/regions/history'
import { regionComboboxOptions } from '@/lib/regions/search-keys'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { ButtonLink, Card, EmptyState, PageTitle, Table, Td, Th } from '@/components/ui'
import { MergeForm, MoveForm, RenameForm, SplitForm } from '@/components/regions/HistoryForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('regionHistory.title') }
}

/** Region changes over time: the recorded ones, and the forms that record them (county administrator). */
export default async function RegionHistoryPage() {
  const user = await requireUser('region.view')
  const t = await getT()
  const mayChange = can(user, 'region.change')
  const [changes, townships] = await Promise.all([regionChangesFor(user), mayChange ? currentTownships(user) : Promise.resolve([])])
  const choose = t('regionHistory.choose')
  const options = {
    townships: regionComboboxOptions(
      townships.map((x) => ({ id: x.id, label: x.name })),
      choose,
    ),
    villages: regionComboboxOptions(
      townships.flatMap((x) => x.villages.map((v) => ({ id: v.id, label: `${x.name} / ${v.name}` }))),
      choose,
    ),
    regions: regionComboboxOptions(
      townships.flatMap((x) => [{ id: x.id, label: x.name }, ...x.villages.map((v) => ({ id: v.id, label: `${x.name} / ${v.name}` }))]),
      choose,
    ),
  }
  return (
    <>
      <PageTitle actions={<ButtonLink href="/regions">{t('regions.title')}</ButtonLink>}>{t('regionHistory.title')}</PageTitle>
      <p className="mb-4 text-sm text-slate-600">{t('regionHistory.intro')}</p>
      <h2 className="mb-2 text-base font-medium">{t('regionHistory.list')}</h2>
      {changes.length === 0 ? (
        <EmptyState>{t('regionHistory.noChanges')}</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('regionHistory.effectiveOn')}</Th>
              <Th>{t('regionHistory.kind')}</Th>
              <Th>{t('regionHistory.mapping')}</Th>
              <Th>{t('regionHistory.documentNo')}</Th>
              <Th>{t('regionHistory.documentTitle')}</Th>
            </tr>
          </thead>
          <tbody data-testid="region-changes" className="divide-y divide-slate-100">
            {changes.map((c) => (
              <tr key={c.id}>
                <Td>{c.effectiveOn}</Td>
                <Td>{t(`regionHistory.kinds.${c.kind}`)}</Td>
                <Td>
                  {c.mapping.map((m, i) => (
                    <div key={i}>
                      {m.from} → {m.to}
                    </div>
                  ))}
                </Td>
                <Td>{c.documentNo}</Td>
                <Td>{c.documentTitle}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {mayChange ? (
        <div className="mt-6 space-y-4">
          <SplitForm townships={townships} options={options} />
          <MergeForm townships={townships} />
          <RenameForm options={options} />
          <MoveForm options={options} />
        </div>
      ) : (
        <Card className="mt-4">
          <p className="text-sm text-slate-600">{t('regionHistory.errors.county')}</p>
        </Card>
      )}
    </>
  )
}
