'use client'
import { useState } from 'react'
import { findAttendeesAction } from '@/lib/services/stations/actions'
import { useT } from '@/lib/i18n/client'
import { buttonClass, inputClass } from '@/components/ui'

interface Attendee {
  id: number
  name: string
  place: string
  birthYear: string
}

/**
 * A group activity's registered attendees (optional): search the register of one's area by name,
 * add people from the results, see them as names; the form sends their ids as "attendeeIds".
 */
export function AttendeePicker({ error }: { error?: string }) {
  const t = useT()
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<Attendee[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [chosen, setChosen] = useState<Attendee[]>([])
  const [busy, setBusy] = useState(false)
  async function search() {
    setBusy(true)
    const form = new FormData()
    form.set('q', query)
    const state = await findAttendeesAction(null, form).catch(() => null)
    setBusy(false)
    if (!state) return setMessage(t('errors.network'))
    if (!state.ok) return setMessage(state.fieldErrors?.q ?? state.error)
    setMessage(state.data.length === 0 ? t('stations.attendees.none') : null)
    setResults(state.data)
  }
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" aria-describedby={error ? 'attendeeIds-error' : undefined}>
      <legend className="px-1 text-sm font-medium text-slate-800">{t('stations.attendees.title')}</legend>
      <input type="hidden" name="attendeeIds" value={chosen.map((a) => a.id).join(',')} />
      {chosen.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label={t('stations.attendees.chosen')} data-testid="attendees-chosen">
          {chosen.map((a) => (
            <li key={a.id} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-1 text-sm">
              {a.name}
              <button
                type="button"
                className="text-red-700 underline"
                aria-label={t('stations.attendees.remove', { name: a.name })}
                onClick={() => setChosen(chosen.filter((c) => c.id !== a.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t('stations.attendees.empty')}</p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-56">
          <label htmlFor="attendee-q" className="block text-sm font-medium text-slate-700">
            {t('stations.attendees.search')}
          </label>
          <input
            id="attendee-q"
            value={query}
            maxLength={50}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                void search()
              }
            }}
            className={inputClass}
          />
        </div>
        <button type="button" className={buttonClass.secondary} disabled={busy} onClick={() => void search()}>
          {t('stations.attendees.find')}
        </button>
      </div>
      {message ? (
        <p className="text-sm text-slate-700" role="status">
          {message}
        </p>
      ) : null}
      {results && results.length > 0 ? (
        <ul className="divide-y divide-slate-100 text-sm" aria-label={t('stations.attendees.results')}>
          {results.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2 py-1">
              <span>
                {r.name} <span className="text-slate-500">{t('common.paren', { text: `${r.place} ${r.birthYear}` })}</span>
              </span>
              <button
                type="button"
                className={buttonClass.secondary}
                disabled={chosen.some((c) => c.id === r.id)}
                aria-label={t('stations.attendees.add', { name: r.name })}
                onClick={() => setChosen([...chosen, r])}
              >
                {t('stations.attendees.addShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p id="attendeeIds-error" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
