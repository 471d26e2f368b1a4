import { divisionSource } from '@/lib/regions/division'
import { getT } from '@/lib/i18n/server'

/** Which national division list the app ships: package, version and the list's date. */
export async function DivisionSourceLine() {
  const t = await getT()
  const source = divisionSource()
  return (
    <p data-testid="division-source" className="text-sm text-slate-600">
      {source ? t('regions.source', { package: source.package, version: source.version, date: source.listDate }) : t('regions.sourceMissing')}
    </p>
  )
}
