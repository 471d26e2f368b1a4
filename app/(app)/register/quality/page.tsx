import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { can } from '@/lib/access/permissions'
import { getLocale, getT } from '@/lib/i18n/server'
import type { Translate } from '@/lib/i18n/core'
import { auditDenied } from '@/lib/server/audit'
import { actorOf, requireUser } from '@/lib/server/session'
import { assigneesFor, filterRegions, listFindings, type FindingRow } from '@/lib/quality/queries'
import { findingFilterSchema, FINDING_STATUSES, SEVERITIES } from '@/lib/quality/schemas'
import { RULE_IDS } from '@/lib/quality/rules'
import { Alert, Badge, buttonClass, EmptyState, formatDateTime, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'
import { Combobox } from '@/components/ui/Combobox'
import { regionComboboxOptions } from '@/lib/regions/search-keys'
import { AssignForm, ResolveForm, SweepForm } from '@/components/quality/QualityForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('quality.title') }
}

const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''))

function detailText(t: Translate, row: FindingRow): string {
  const d = row.details
  const p: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(d)) p[k] = list(v)
  if (typeof d.type === 'string') p.type = t(`quality.eventTypes.${d.type as 'BIRTH'}`)
  if (Array.isArray(d.others)) p.count = d.others.length
  if (row.rule === 'idMismatch') {
    p.masked = list(d.idMasked)
    p.problem = t(`quality.idProblems.${d.problem as 'invalid'}`)
  }
  return t(`quality.details.${row.rule}`, p)
}

function recordLink(t: Translate, row: FindingRow) {
  const label = t('quality.record', { entity: t(`quality.entity.${row.entity as 'Person'}`), id: row.entityId })
  const name = typeof row.details.name === 'string' ? row.details.name : typeof row.details.address === 'string' ? row.details.address : null
  const href =
    row.entity === 'Household'
      ? `/register/households/${row.entityId}`
      : row.entity === 'LifeEvent'
        ? `/register/persons/${String(row.details.personId)}`
        : `/register/persons/${row.entityId}`
  return (
    <Link className="text-brand-600 hover:underline" href={href}>
      {name ? `${name} · ` : ''}
      {label}
    </Link>
  )
}

export default async function QualityPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  // Township staff review and assign; village officers see and fix the findings of their village.
  const user = await requireUser()
  const canReview = can(user, 'register.review')
  const canFix = can(user, 'register.edit')
  if (!canReview && !canFix) {
    await auditDenied(await actorOf(user), 'register.review')
    notFound()
  }
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const filter = findingFilterSchema.parse(await searchParams)
  const [findings, regions] = await Promise.all([listFindings(user, filter), filterRegions(user)])
  const candidates = canReview ? await assigneesFor(user, findings.rows) : []
  const query = (page: number) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...filter, page })) if (v !== undefined) q.set(k, String(v))
    return `/register/quality?${q}`
  }
  const statusChoices = ['ACTIVE', ...FINDING_STATUSES, 'ALL'] as const
  return (
    <>
      <PageTitle actions={canReview ? <SweepForm /> : null}>{t('quality.title')}</PageTitle>
      <div className="mb-3 space-y-2">
        <Alert>{t('quality.intro')}</Alert>
        {!canReview ? <Alert kind="warning">{t('quality.villageNote')}</Alert> : null}
      </div>
      <form className="no-print mb-3 flex flex-wrap items-end gap-2" role="search">
        <div className="w-64 text-sm">
          <label htmlFor="quality-region" className="block text-slate-600">
            {t('quality.filters.region')}
          </label>
          <Combobox
            id="quality-region"
            name="regionId"
            options={regionComboboxOptions(
              regions.map((r) => ({ id: r.id, label: r.name, keys: r.keys })),
              t('quality.filters.all'),
            )}
            defaultValue={filter.regionId ?? ''}
          />
        </div>
        <label className="text-sm">
          <span className="block text-slate-600">{t('quality.filters.rule')}</span>
          <select name="rule" defaultValue={filter.rule ?? ''} className={inputClass}>
            <option value="">{t('quality.filters.all')}</option>
            {RULE_IDS.map((r) => (
              <option key={r} value={r}>
                {t(`quality.rules.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">{t('quality.filters.severity')}</span>
          <select name="severity" defaultValue={filter.severity ?? ''} className={inputClass}>
            <option value="">{t('quality.filters.all')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`quality.severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">{t('quality.filters.status')}</span>
          <select name="status" defaultValue={filter.status ?? 'ACTIVE'} className={inputClass}>
            {statusChoices.map((s) => (
              <option key={s} value={s}>
                {t(`quality.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 py-2 text-sm">
          <input type="checkbox" name="mine" value="1" defaultChecked={!!filter.mine} />
          {t('quality.filters.mine')}
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t('quality.filters.apply')}
        </button>
      </form>
      {findings.total === 0 ? (
        <EmptyState>{t('quality.none')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('quality.columns.region')}</Th>
                <Th>{t('quality.columns.rule')}</Th>
                <Th>{t('quality.columns.severity')}</Th>
                <Th>{t('quality.columns.record')}</Th>
                <Th>{t('quality.columns.details')}</Th>
                <Th>{t('quality.columns.status')}</Th>
                <Th>{t('quality.columns.assignee')}</Th>
                <Th>{t('quality.columns.actions')}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="findings">
              {findings.rows.map((row) => {
                const open = row.status === 'OPEN' || row.status === 'ASSIGNED'
                const assignees = candidates
                  .filter((u) => [row.villageId, row.townshipId, row.countyId].includes(u.regionId))
                  .map((u) => ({ id: u.id, label: `${u.name}${t('common.paren', { text: u.region.name })}` }))
                return (
                  <tr key={row.id} data-testid={`finding-${row.id}`}>
                    <Td className="whitespace-nowrap">{row.regionName}</Td>
                    <Td>{t(`quality.rules.${row.rule}`)}</Td>
                    <Td>
                      {row.severity === 'ERROR' ? (
                        <Badge tone="red">{t('quality.severity.ERROR')}</Badge>
                      ) : (
                        <Badge tone="amber">{t('quality.severity.WARNING')}</Badge>
                      )}
                    </Td>
                    <Td className="whitespace-nowrap">{recordLink(t, row)}</Td>
                    <Td>{detailText(t, row)}</Td>
                    <Td className="whitespace-nowrap">
                      <Badge tone={open ? 'slate' : 'green'}>{t(`quality.status.${row.status}`)}</Badge>
                      {row.note ? <p className="mt-1 text-xs text-slate-600">{row.note}</p> : null}
                      {row.closedAt ? <p className="text-xs text-slate-500">{formatDateTime(row.closedAt, locale)}</p> : null}
                    </Td>
                    <Td className="whitespace-nowrap">{row.assignee?.name ?? t('quality.unassigned')}</Td>
                    <Td>
                      {open ? (
                        <details>
                          <summary className="cursor-pointer text-brand-600">{t('quality.columns.actions')}</summary>
                          <div className="mt-2 space-y-2">
                            {canReview ? <AssignForm findingId={row.id} assignees={assignees} current={row.assignee?.id ?? null} /> : null}
                            {canFix ? <ResolveForm findingId={row.id} kind="fix" /> : null}
                            {canReview ? <ResolveForm findingId={row.id} kind="close" /> : null}
                          </div>
                        </details>
                      ) : null}
                    </Td>
                  </tr>
                )
              })}
            </tbody>
          </Table>
          <Pagination page={findings} href={query} />
        </>
      )}
    </>
  )
}
