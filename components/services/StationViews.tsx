import type { Translate } from '@/lib/i18n/core'
import { Badge } from '@/components/ui'

/** "Meets the standard (2025-03-01)", "Does not", or "Not checked yet". */
export function Verdict({ meets, checkedOn, t }: { meets: boolean | null; checkedOn: string | null; t: Translate }) {
  if (meets === null) return <Badge>{t('stations.meets.unchecked')}</Badge>
  return (
    <span className="whitespace-nowrap">
      <Badge tone={meets ? 'green' : 'red'}>{meets ? t('stations.meets.yes') : t('stations.meets.no')}</Badge>
      {checkedOn ? <span className="ml-1 text-xs text-slate-500">{checkedOn}</span> : null}
    </span>
  )
}
