import type { Metadata } from 'next'
import { z } from 'zod'
import { getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { statYearOf } from '@/lib/periods/rules'
import { settingsFor } from '@/lib/reports/queries'
import { listSchemes, valuesGrid } from '@/lib/assessment/queries'
import { optionalId } from '@/lib/validation/fields'
import { buttonClass, Card, EmptyState, Field, inputClass, PageTitle } from '@/components/ui'
import { ValueGridForm, ValueImportForm } from '@/components/assessment/AssessmentForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('assessment.values.title') }
}

const yearParam = z
  .string()
  .regex(/^(19|20)\d{2}$/)
  .optional()
  .catch(undefined)

/** Hand-entered values of a scheme's manual indicators for a statistical year: the table and the .xlsx import. */
export default async function ValuesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requireUser('assessment.run')
  const t = await getT()
  const query = await searchParams
  const schemes = (await listSchemes(user)).filter((s) => s.current)
  // the current statistical year (with the year starting 1 October, November 2026 is in 2027); values
  // are entered for the year being assessed, the last ended one, unless another is chosen
  const year = statYearOf(todayIso(), await settingsFor(user))
  const years = [year + 1, year, year - 1, year - 2, year - 3]
  const schemeId = optionalId.catch(undefined).parse(query.scheme) ?? schemes[0]?.id
  const periodKey = yearParam.parse(query.year) ?? String(year - 1)
  const grid = schemeId ? await valuesGrid(user, schemeId, periodKey) : null
  return (
    <>
      <PageTitle>{t('assessment.values.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('assessment.values.intro')}</p>
      {schemes.length === 0 ? (
        <EmptyState>{t('assessment.values.noSchemes')}</EmptyState>
      ) : (
        <>
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t('assessment.values.choose')}>
            <div className="w-72">
              <Field label={t('assessment.scheme')} name="values-scheme">
                <select id="values-scheme" name="scheme" defaultValue={schemeId} className={inputClass}>
                  {schemes.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div className="w-48">
              <Field label={t('assessment.statYear')} name="values-year">
                <select id="values-year" name="year" defaultValue={periodKey} className={inputClass}>
                  {[...new Set([...years, Number(periodKey)])].map((y) => (
                    <option key={y} value={y}>
                      {t('assessment.statYearValue', { year: y })}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <button type="submit" className={buttonClass.secondary}>
              {t('assessment.values.choose')}
            </button>
          </form>
          {!grid || grid.indicators.length === 0 ? (
            <EmptyState>{t('assessment.values.noManual')}</EmptyState>
          ) : (
            <div className="space-y-6">
              <ValueGridForm
                key={`${grid.scheme.id}-${periodKey}`}
                schemeId={grid.scheme.id}
                periodKey={periodKey}
                indicators={grid.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit }))}
                townships={grid.townships}
                values={Object.fromEntries(grid.values)}
                evidence={grid.evidence}
              />
              <Card>
                <h2 className="mb-1 font-medium">{t('assessment.values.import')}</h2>
                <p className="mb-3 text-sm text-slate-600">{t('assessment.values.importHint')}</p>
                <p className="mb-3">
                  <a href={`/api/assessment/values/template?schemeId=${grid.scheme.id}&period=${periodKey}`} className={buttonClass.link}>
                    {t('assessment.values.template')}
                  </a>
                </p>
                <ValueImportForm schemeId={grid.scheme.id} periodKey={periodKey} />
              </Card>
            </div>
          )}
        </>
      )}
    </>
  )
}
