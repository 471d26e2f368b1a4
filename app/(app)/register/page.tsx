import type { Metadata } from 'next'
import Link from 'next/link'
import { Combobox } from '@/components/ui/Combobox'
import { regionComboboxOptions } from '@/lib/regions/search-keys'
import { can } from '@/lib/access/permissions'
import { filterRegions, openQuestions, searchPersons } from '@/lib/registry/queries'
import { classifySearch } from '@/lib/registry/pinyin'
import { RESIDENCES, SEXES, searchSchema } from '@/lib/registry/schemas'
import { ageOn, todayIso } from '@/lib/dates'
import type { MessageKey } from '@/lib/i18n/core'
import { getT } from '@/lib/i18n/server'
import { fieldErrorsOf } from '@/lib/server/action'
import { requireUser } from '@/lib/server/session'
import { ExportButton } from '@/components/imports/ExportButton'
import { Alert, Badge, buttonClass, ButtonLink, EmptyState, Field, inputClass, PageTitle, Table, Td, Th } from '@/components/ui'
import { Pagination } from '@/components/ui/Pagination'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('registry.title') }
}

const SEARCH_FIELD_LABELS: Record<string, MessageKey> = {
  q: 'registry.search',
  regionId: 'registry.filters.region',
  residence: 'registry.filters.residence',
  sex: 'registry.filters.sex',
  ageMin: 'registry.filters.ageMin',
  ageMax: 'registry.filters.ageMax',
  alive: 'registry.filters.alive',
}

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('register.view')
  const t = await getT()
  const raw = await searchParams
  // A value the form cannot send (age 200, minimum above maximum) is shown as a message, not searched.
  const parsed = searchSchema.safeParse(raw)
  const filter = parsed.success ? parsed.data : null
  const errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error, t)
  const typed = (key: string) => (typeof raw[key] === 'string' ? raw[key].trim() : '')
  const filtered =
    !filter ||
    filter.q !== '' ||
    filter.residence ||
    filter.sex ||
    filter.ageMin !== undefined ||
    filter.ageMax !== undefined ||
    filter.alive !== 'yes' ||
    filter.regionId
  const [results, questions, regions] = await Promise.all([
    filter ? searchPersons(user, filter) : null,
    can(user, 'register.edit') && !can(user, 'register.review') ? openQuestions(user) : 0,
    user.regionLevel === 'VILLAGE' || user.regionLevel === 'GROUP' ? [] : filterRegions(user),
  ])
  const today = todayIso()
  // The box does not echo ID digits back (docs/decisions/0005-id-masking.md): the server matched
  // them, the page says how it searched.
  const byId = classifySearch(typed('q')).kind
  const idSearch = byId === 'idLast4' || byId === 'idNumber' ? byId : null
  const params = (page: number) => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...filter, page })) if (v !== undefined && v !== '') p.set(k, String(v))
    return `/register?${p}`
  }
  return (
    <>
      <PageTitle
        actions={
          <>
            {filter && can(user, 'register.export') ? <ExportButton searchParams={raw} /> : null}
            {can(user, 'register.edit') ? (
              <ButtonLink kind="primary" href="/register/households/new">
                {t('registry.newHousehold')}
              </ButtonLink>
            ) : null}
          </>
        }
      >
        {t('registry.title')}
      </PageTitle>
      {questions > 0 ? (
        <div className="mb-3">
          <Alert kind="warning">
            <Link className="underline" href="/register/review?status=QUESTIONED">
              {t('registry.review.openQuestions', { count: questions })}
            </Link>
          </Alert>
        </div>
      ) : null}
      <form role="search" className="no-print mb-4 space-y-3">
        <div className="flex flex-wrap gap-2">
          <input
            name="q"
            defaultValue={idSearch ? '' : typed('q')}
            placeholder={t('registry.searchPlaceholder')}
            aria-label={t('registry.search')}
            className={`${inputClass} max-w-xl flex-1`}
            autoFocus
          />
          <button type="submit" className={buttonClass.primary}>
            {t('common.search')}
          </button>
        </div>
        <details open={['regionId', 'residence', 'sex', 'ageMin', 'ageMax'].some((k) => typed(k) !== '') || (typed('alive') || 'yes') !== 'yes'}>
          <summary className="cursor-pointer text-sm text-slate-600">
            {t('common.search')}
            {t('common.colon')}
            {t('registry.filters.residence')} / {t('registry.filters.sex')} / {t('registry.fields.age')}
          </summary>
          <div className="mt-2 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {regions.length > 0 ? (
              <Field label={t('registry.filters.region')} name="regionId" error={errors.regionId}>
                <Combobox
                  id="regionId"
                  name="regionId"
                  options={regionComboboxOptions(regions, t('registry.filters.anyRegion'))}
                  defaultValue={typed('regionId')}
                />
              </Field>
            ) : null}
            <Field label={t('registry.filters.residence')} name="residence" error={errors.residence}>
              <select id="residence" name="residence" defaultValue={typed('residence')} className={inputClass}>
                <option value="">{t('registry.filters.any')}</option>
                {RESIDENCES.map((r) => (
                  <option key={r} value={r}>
                    {t(`registry.residence.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('registry.filters.sex')} name="sex" error={errors.sex}>
              <select id="sex" name="sex" defaultValue={typed('sex')} className={inputClass}>
                <option value="">{t('registry.filters.any')}</option>
                {SEXES.map((s) => (
                  <option key={s} value={s}>
                    {t(`registry.sex.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            {(['ageMin', 'ageMax'] as const).map((key) => (
              <Field key={key} label={t(`registry.filters.${key}`)} name={key} error={errors[key]}>
                {/* no min/max attributes: the browser would refuse 200 silently; the server says why */}
                <input
                  id={key}
                  name={key}
                  type="text"
                  inputMode="numeric"
                  defaultValue={typed(key)}
                  aria-invalid={errors[key] ? true : undefined}
                  aria-describedby={errors[key] ? `${key}-error` : undefined}
                  className={inputClass}
                />
              </Field>
            ))}
            <Field label={t('registry.filters.alive')} name="alive" error={errors.alive}>
              <select id="alive" name="alive" defaultValue={typed('alive') || 'yes'} className={inputClass}>
                <option value="yes">{t('registry.filters.aliveYes')}</option>
                <option value="no">{t('registry.filters.aliveNo')}</option>
                <option value="all">{t('registry.filters.aliveAll')}</option>
              </select>
            </Field>
          </div>
        </details>
        <p className="text-xs text-slate-500">{t('registry.searchHint')}</p>
        {idSearch ? (
          <p className="text-sm text-slate-700" data-testid="search-by-id">
            {t(idSearch === 'idLast4' ? 'registry.searchedByIdLast4' : 'registry.searchedByIdNumber')}
          </p>
        ) : null}
      </form>
      {!results ? (
        <Alert kind="error">
          <p>{t('errors.checkFields')}</p>
          <ul data-testid="search-errors" className="mt-1 list-disc pl-5">
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                {t(SEARCH_FIELD_LABELS[field] ?? 'registry.search')}
                {t('common.colon')}
                {message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : results.total === 0 ? (
        <EmptyState>{filtered ? t('registry.noResults') : t('registry.startSearching')}</EmptyState>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t('registry.fields.name')}</Th>
                <Th>{t('registry.fields.sex')}</Th>
                <Th>{t('registry.fields.age')}</Th>
                <Th>{t('registry.fields.idNumber')}</Th>
                <Th>{t('registry.fields.village')}</Th>
                <Th>{t('registry.fields.address')}</Th>
                <Th>{t('registry.fields.residence')}</Th>
              </tr>
            </thead>
            <tbody data-testid="search-results" className="divide-y divide-slate-100">
              {results.rows.map((p) => (
                <tr key={p.id}>
                  <Td>
                    <Link className="text-brand-600 hover:underline" href={`/register/persons/${p.id}`}>
                      {p.name}
                    </Link>
                    {!p.alive ? <Badge>{t('registry.status.deceased')}</Badge> : null}
                    {p.movedOut ? <Badge>{t('registry.status.movedOut')}</Badge> : null}
                  </Td>
                  <Td>{t(`registry.sex.${p.sex}`)}</Td>
                  <Td>{ageOn(p.birthDate, today)}</Td>
                  <Td className="font-mono">{p.idMasked ?? '—'}</Td>
                  <Td>{p.regionName}</Td>
                  <Td>
                    {p.householdId ? (
                      <Link className="hover:underline" href={`/register/households/${p.householdId}`}>
                        {p.address}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </Td>
                  <Td>{t(`registry.residenceShort.${p.residence}`)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={results} href={params} />
        </>
      )}
    </>
  )
}
