import type { Translate } from '@/lib/i18n/core'
import type { TaskState } from '@/lib/work/rules'
import { Badge } from '@/components/ui'

const TONE: Record<TaskState, 'slate' | 'green' | 'red' | 'amber'> = { open: 'slate', warning: 'amber', overdue: 'red', reported: 'slate', accepted: 'green' }

/** A task's state on the day (warning and overdue in colour), and "returned" when the issuer sent it back. */
export function TaskStateBadge({ state, returned, t }: { state: TaskState; returned: boolean; t: Translate }) {
  return (
    <span className="inline-flex gap-1">
      <Badge tone={TONE[state]}>{t(`work.state.${state}`)}</Badge>
      {returned && state !== 'accepted' && state !== 'reported' ? <Badge tone="amber">{t('work.returnedBadge')}</Badge> : null}
    </span>
  )
}
