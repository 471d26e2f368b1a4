import type { Metadata } from 'next'
import Link from 'next/link'
import { Combobox } from '@/components/ui/Combobox'
import { regionComboboxOptions } from '@/lib/regions/search-keys'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { listMigrants, migrantRegionOptions } from '@/lib/migration/queries'
import { DIRECTIONS, migrantFilterSchema } from '@/lib/migration/schemas'
import { buttonClass, ButtonLink, EmptyState, Field, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'
import { ExchangeStatusBadge } from '@/components/migration/ExchangeStatus'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('migration.title') }
}

export default async function MigrantsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('register.view')
  const t = await getT()
  const raw = await searchParams
  const filter = migrantFilterSchema.parse(raw)
  const [migrants, regions] = await Promise.all([listMigrants(user, filter), migrantRegionOptions(user)])
  const filtered = !!(filter.direction || filter.regionId || filter.overdue)
  const href = (page: number) =>
    `/register/migrants?${new URLSearchParams({ direction: filter.direction ?? '', regionId: filter.regionId ? String(filter.regionId) : '', ...(filter.overdue ? { overdue: '1' } : {}), page: String(page) })}`
  return (
    <>
      <PageTitle actions={<ButtonLink href="/register/migrants/stats">{t('migration.list.stats')}</ButtonLink>}>{t('migration.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('migration.intro')}</p>
      <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search">
        <div className="w-36">
          <Field label={t('migration.list.direction')} name="direction">
            <select id="direction" name="direction" defaultValue={filter.direction ?? ''} className={inputClass}>
              <option value="">{t('migration.list.anyDirection')}</option>
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`migration.direction.${d}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {regions.length > 1 ? (
          <div className="w-72">
            <Field label={t('migration.list.region')} name="regionId">
              <Combobox
                id="regionId"
                name="regionId"
                options={regionComboboxOptions(regions, t('migration.list.anyRegion'))}
                defaultValue={filter.regionId ?? ''}
              />
            </Field>
          </div>
        ) : null}
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} />
          {t('migration.list.overdueOnly')}
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t('common.search')}
        </button>
        <Link href="/register/migrants" className={`${buttonClass.secondary}`}>
          {t('common.reset')}
        </Link>
      </form>
      {migrants.total === 0 ? (
        <EmptyState>{filtered ? t('migration.list.emptyFiltered') : t('migration.list.empty')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('registry.fields.name')}</Th>
                <Th>{t('migration.list.direction')}</Th>
                <Th>{t('migration.list.place')}</Th>
                <Th>{t('migration.list.since')}</Th>
                <Th>{t('migration.list.phone')}</Th>
                <Th>{t('migration.list.village')}</Th>
                <Th>{t('migration.list.latest')}</Th>
                <Th>
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody data-testid="migrant-rows" className="divide-y divide-slate-100">
              {migrants.rows.map((m) => (
                <tr key={m.id} data-testid={`migrant-${m.id}`}>
                  <Td>
                    <Link className="text-brand-600 hover:underline" href={`/register/persons/${m.id}`}>
                      {m.name}
                    </Link>
                  </Td>
                  <Td>{t(`migration.direction.${m.direction}`)}</Td>
                  <Td>{m.place ?? <span className="text-slate-500">{t('migration.person.unknown')}</span>}</Td>
                  <Td className="whitespace-nowrap">{m.since ?? ''}</Td>
                  <Td className="whitespace-nowrap font-mono">{m.phone ?? ''}</Td>
                  <Td>{m.villageName}</Td>
                  <Td>
                    <ExchangeStatusBadge status={m.latest?.status ?? null} t={t} />
                    {m.latest ? <div className="mt-0.5 text-xs text-slate-500">{`${m.latest.otherCounty} · ${m.latest.sentOn}`}</div> : null}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <Link className="text-brand-600 hover:underline" href={`/register/migrants/${m.id}`}>
                      {t('migration.list.open')}
                    </Link>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={migrants} href={href} />
        </>
      )}
    </>
  )
}
