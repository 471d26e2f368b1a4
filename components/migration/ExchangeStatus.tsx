import type { Translate } from '@/lib/i18n/core'
import type { ExchangeStatus as Status } from '@/lib/migration/rules'
import { Badge } from '@/components/ui'

const TONES = { sent: 'slate', answered: 'green', overdue: 'red' } as const

/** The state of an information exchange as a badge; "no notice" when there is none. */
export function ExchangeStatusBadge({ status, t }: { status: Status | null; t: Translate }) {
  if (!status) return <Badge tone="amber">{t('migration.status.none')}</Badge>
  return <Badge tone={TONES[status]}>{t(`migration.status.${status}`)}</Badge>
}
