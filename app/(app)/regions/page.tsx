import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { can } from '@/lib/access/permissions'
import { childLevel, countySetupOpen } from '@/lib/regions/rules'
import { regionView } from '@/lib/regions/queries'
import { childrenOn } from '@/lib/regions/history'
import { asOfParam } from '@/lib/regions/history-schemas'
import { toIso } from '@/lib/dates'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { optionalId, page as pageParam } from '@/lib/validation/fields'
import { Badge, buttonClass, ButtonLink, Card, EmptyState, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'
import { AddRegionForm, RegionActiveButton, RenameRegionForm } from '@/components/regions/RegionForms'
import { DivisionSourceLine } from '@/components/regions/DivisionSourceLine'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('regions.title') }
}

// An id that is not a region id (huge, negative, repeated) is a region that does not exist: 404.
const query = z.object({ id: optionalId, page: pageParam, asOf: asOfParam })

export default async function RegionsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('region.view')
  const t = await getT()
  const parsed = query.safeParse(await searchParams)
  if (!parsed.success) notFound()
  const { id, page } = parsed.data
  const view = await regionView(user, id, page)
  if (!view) notFound()
  const { region, trail } = view
  const manage = can(user, 'region.manage')
  const nextLevel = childLevel(region.level)
  const href = (p: number) => `/regions?id=${region.id}&page=${p}`
  // the tree as of a date (decision 0011): asked for, or for a region a change ended, its last day
  const endedOn = region.validTo ? toIso(region.validTo) : null
  const asOf = parsed.data.asOf ?? (endedOn ? toIso(new Date(region.validTo!.getTime() - 86_400_000)) : undefined)
  const children = asOf
    ? await childrenOn(user, region.id, asOf).then((rows) => ({ rows, total: rows.length, page: 1, pages: 1 }))
    : { ...view.children, rows: view.children.rows.map((r) => ({ ...r, validTo: r.validTo ? toIso(r.validTo) : null })) }
  const linkTo = (id: number) => (asOf ? `/regions?${new URLSearchParams({ id: String(id), asOf })}` : `/regions?id=${id}`)

  return (
    <>
      <PageTitle
        actions={
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/regions/history">{t('regionHistory.open')}</ButtonLink>
            {manage && can(user, 'region.setup') && countySetupOpen({ level: region.level, id: region.id, childCount: view.children.total }, user.regionId) ? (
              <ButtonLink href="/regions/setup">{t('regions.setup.open')}</ButtonLink>
            ) : null}
            {manage ? <ButtonLink href="/regions/import">{t('regions.import.title')}</ButtonLink> : null}
          </div>
        }
      >
        {t('regions.title')}
      </PageTitle>
      <form method="get" action="/regions" className="no-print mb-3 flex flex-wrap items-end gap-2">
        <input type="hidden" name="id" value={region.id} />
        <div>
          <label htmlFor="asOf" className="block text-sm font-medium text-slate-700">
            {t('regionHistory.asOf')}
          </label>
          <input id="asOf" name="asOf" type="date" defaultValue={asOf ?? ''} aria-describedby="asOf-hint" className={inputClass} />
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t('regionHistory.show')}
        </button>
        <p id="asOf-hint" className="text-xs text-slate-500">
          {asOf ? t('regionHistory.asOfNote', { date: asOf }) : t('regionHistory.asOfHint')}
        </p>
      </form>
      <nav aria-label="breadcrumb" className="mb-3 text-sm text-slate-600">
        {trail.map((a) => (
          <span key={a.id}>
            <Link className="text-brand-600 underline" href={linkTo(a.id)}>
              {a.name}
            </Link>
            <span className="mx-1">/</span>
          </span>
        ))}
        <span className="font-medium text-slate-900">{region.name}</span>
      </nav>

      <Card className="mb-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">{t('regions.name')}</dt>
            <dd data-testid="region-name" className="font-medium">
              {region.name}{' '}
              {endedOn ? (
                <Badge tone="amber">{t('regionHistory.ended', { date: endedOn })}</Badge>
              ) : region.active ? null : (
                <Badge tone="red">{t('common.inactive')}</Badge>
              )}
            </dd>
            <dt className="text-slate-500">{t('regions.code')}</dt>
            <dd className="font-mono">{region.code}</dd>
            <dt className="text-slate-500">{t('regions.level')}</dt>
            <dd>{t(`levels.${region.level}`)}</dd>
            {region.level === 'VILLAGE' ? (
              <>
                <dt className="text-slate-500">{t('regions.urbanRural')}</dt>
                <dd>{region.urban ? t('regions.urban') : t('regions.rural')}</dd>
              </>
            ) : null}
          </dl>
          {manage && !endedOn ? (
            <div className="flex flex-wrap items-end gap-3">
              <RenameRegionForm id={region.id} version={region.version} name={region.name} />
              {region.id !== user.regionId ? <RegionActiveButton id={region.id} version={region.version} name={region.name} active={region.active} /> : null}
            </div>
          ) : null}
        </div>
      </Card>

      <div className="mb-4">
        <DivisionSourceLine />
      </div>

      {nextLevel ? (
        <>
          <h2 className="mb-2 text-base font-medium">
            {t('regions.children')}
            {t('common.paren', { text: t(`levels.${nextLevel}`) })}
          </h2>
          {children.total === 0 ? (
            <EmptyState>{t('regions.noChildren')}</EmptyState>
          ) : (
            <>
              <Table>
                <thead>
                  <tr>
                    <Th>{t('regions.code')}</Th>
                    <Th>{t('regions.name')}</Th>
                    <Th>{t('regions.childCount')}</Th>
                    <Th>{t('common.status')}</Th>
                  </tr>
                </thead>
                <tbody data-testid="region-children" className="divide-y divide-slate-100">
                  {children.rows.map((c) => (
                    <tr key={c.id}>
                      <Td className="font-mono">{c.code}</Td>
                      <Td>
                        <Link className="text-brand-600 hover:underline" href={linkTo(c.id)}>
                          {c.name}
                        </Link>
                      </Td>
                      <Td>{c.childCount}</Td>
                      <Td>
                        {c.validTo ? (
                          <Badge tone="amber">{t('regionHistory.ended', { date: c.validTo })}</Badge>
                        ) : c.active ? (
                          <Badge tone="green">{t('common.active')}</Badge>
                        ) : (
                          <Badge tone="red">{t('common.inactive')}</Badge>
                        )}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {asOf ? null : <Pagination page={view.children} href={href} />}
            </>
          )}
          {manage && region.active && !asOf ? (
            <Card className="no-print mt-4">
              <AddRegionForm
                parentId={region.id}
                levelLabel={t(`levels.${nextLevel}`)}
                codeHint={nextLevel === 'GROUP' ? t('regions.groupCodeHint', { code: region.code }) : undefined}
              />
            </Card>
          ) : null}
        </>
      ) : null}
    </>
  )
}
