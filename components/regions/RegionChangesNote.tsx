import { getT } from '@/lib/i18n/server'
import { changesAroundPeriod } from '@/lib/regions/history'

/**
 * Under a report: the period is counted on the regions valid on its last day, and these region
 * changes say which regions became which, for whoever compares it with other years (decision 0011).
 */
export async function RegionChangesNote({ regionId, period }: { regionId: number; period: { start: string; end: string } }) {
  const changes = await changesAroundPeriod(regionId, period)
  if (changes.length === 0) return null
  const t = await getT()
  return (
    <section aria-labelledby="region-changes-note" className="mt-4 rounded border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="region-changes-note">
      <h2 id="region-changes-note" className="font-medium text-slate-800">
        {t('regionHistory.report.title')}
      </h2>
      <p className="text-slate-700">{t('regionHistory.report.intro', { date: period.end })}</p>
      <ul className="mt-1 list-inside list-disc">
        {changes.map((c) => (
          <li key={c.id}>
            {c.effectiveOn} {t(`regionHistory.kinds.${c.kind}`)}: {c.mapping.map((m) => `${m.from} → ${m.to}`).join('; ')}（{c.documentNo}）
          </li>
        ))}
      </ul>
    </section>
  )
}
