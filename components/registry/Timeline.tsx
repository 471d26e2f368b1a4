import type { LifeEvent } from '@/lib/generated/prisma/client'
import type { Translate } from '@/lib/i18n/core'
import { toIso } from '@/lib/dates'
import { Badge, EmptyState } from '@/components/ui'
import { CorrectEventForm } from './EventForms'

function describe(event: LifeEvent, t: Translate): string {
  const d = (event.details ?? {}) as Record<string, unknown>
  const parts: string[] = []
  if (typeof d.name === 'string' && event.type === 'BIRTH')
    parts.push(`${d.name}${typeof d.birthOrder === 'number' ? `${t('common.comma')}${t('registry.fields.birthOrder')} ${d.birthOrder}` : ''}`)
  if (typeof d.spouseName === 'string') parts.push(`${t('registry.events.spouseName')}${t('common.colon')}${d.spouseName}`)
  if (typeof d.destination === 'string') parts.push(`${t('registry.events.destination')}${t('common.colon')}${d.destination}`)
  if (typeof d.origin === 'string') parts.push(`${t('registry.events.origin')}${t('common.colon')}${d.origin}`)
  if (typeof d.correctionReason === 'string') parts.push(`${t('registry.events.reason')}${t('common.colon')}${d.correctionReason}`)
  return parts.join(t('common.clauseSep'))
}

/** A person's or household's events, newest first; corrected versions stay visible, struck through. */
export function Timeline({ events, t, canCorrect, names }: { events: LifeEvent[]; t: Translate; canCorrect: boolean; names?: Map<number, string> }) {
  if (events.length === 0) return <EmptyState>{t('registry.events.none')}</EmptyState>
  return (
    <ol data-testid="timeline" className="space-y-2">
      {events.map((e) => (
        <li
          key={e.id}
          className={`rounded-md border border-slate-200 bg-white px-3 py-2 text-sm ${e.status === 'CORRECTED' ? 'border-dashed bg-slate-50 text-slate-700' : ''}`}
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className={`font-medium ${e.status === 'CORRECTED' ? 'line-through' : ''}`}>{t(`registry.events.types.${e.type}`)}</span>
            <span className="font-mono text-slate-600">{toIso(e.occurredOn)}</span>
            {names?.get(e.personId) ? <span>{names.get(e.personId)}</span> : null}
            {e.late ? <Badge tone="amber">{t('registry.events.late')}</Badge> : null}
            {e.status === 'CORRECTED' ? <Badge>{t('registry.events.corrected')}</Badge> : null}
            {e.correctsId ? <Badge tone="green">{t('registry.events.correction')}</Badge> : null}
            <span className="text-xs text-slate-500">
              {t('registry.events.recordedOn')} {toIso(e.recordedOn)}
            </span>
          </div>
          {describe(e, t) ? <p className="mt-1 text-slate-600">{describe(e, t)}</p> : null}
          {canCorrect && e.status === 'ACTIVE' ? <CorrectEventForm eventId={e.id} type={e.type} /> : null}
        </li>
      ))}
    </ol>
  )
}
