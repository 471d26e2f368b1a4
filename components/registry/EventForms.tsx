'use client'
import { useRef, useState, type FormEvent } from 'react'
import { correctEventAction, recordEventAction } from '@/lib/registry/actions'
import { RELATIONS, SEXES } from '@/lib/registry/schemas'
import type { EventType } from '@/lib/registry/rules'
import type { RecordedEvent } from '@/lib/registry/service'
import type { ActionState } from '@/lib/server/action'
import { useT } from '@/lib/i18n/client'
import { Alert, buttonClass, Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import { draftToInput, emptyPerson, PersonFieldset, type PersonDraft } from './PersonFieldset'

type PersonEventType = EventType

/** Events that cannot be undone by another event: the form asks before recording them. */
const IRREVERSIBLE: readonly PersonEventType[] = ['DEATH', 'MOVE_OUT']

/** What the last recorded event did, one line per change (a widowed spouse, a new head…). */
function EventOutcome({ state }: { state: ActionState<RecordedEvent> }) {
  const t = useT()
  if (!state?.ok) return <ActionMessage state={state} />
  return (
    <Alert kind="success">
      <p>{state.message}</p>
      <ul className="mt-1 list-disc pl-5" data-testid="event-effects">
        {state.data.effects.map((e, i) => (
          <li key={i}>{t(e.key, e.params)}</li>
        ))}
      </ul>
    </Alert>
  )
}

/**
 * Records an event in this person's life; the fields follow the type chosen. `types` are the
 * events rules.allowedEvents allows, the same rule the service enforces. A death or a move out is
 * confirmed first.
 */
export function EventForm({
  personId,
  version,
  types,
  regions,
  formKey,
  newHeadChoices = [],
}: {
  personId: number
  version: number
  types: PersonEventType[]
  regions: { id: number; label: string }[]
  formKey: string
  /** when the person heads a household: its other living members, one of whom may take over */
  newHeadChoices?: { id: number; label: string }[]
}) {
  const t = useT()
  const { state, onSubmit, submit, pending } = useActionForm(recordEventAction)
  const [type, setType] = useState<PersonEventType | ''>('')
  const [held, setHeld] = useState<FormData | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)
  const text = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} name={`event-${name}`} error={fieldError(state, name)}>
      <input id={`event-${name}`} name={name} className={inputClass} {...invalidProps(state, name)} {...extra} />
    </Field>
  )
  const confirmFirst = (event: FormEvent<HTMLFormElement>) => {
    if (!type || !IRREVERSIBLE.includes(type)) return onSubmit(event)
    event.preventDefault()
    setHeld(new FormData(event.currentTarget))
    dialog.current?.showModal()
  }
  const close = () => {
    dialog.current?.close()
    setHeld(null)
  }
  return (
    <>
      <EventOutcome state={state} />
      {types.length > 0 ? (
        <form method="post" onSubmit={confirmFirst} className="mt-3 space-y-3" noValidate aria-label={t('registry.events.record')} key={version}>
          <input type="hidden" name={type === 'BIRTH' ? 'motherId' : 'personId'} value={personId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="formKey" value={formKey} />
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Field label={t('registry.events.type')} name="event-type">
              <select id="event-type" name="type" value={type} onChange={(e) => setType(e.target.value as PersonEventType)} className={inputClass}>
                <option value="">{t('registry.form.choose')}</option>
                {types.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`registry.events.types.${ty}`)}
                  </option>
                ))}
              </select>
            </Field>
            {type ? text('occurredOn', t('registry.events.occurredOn'), { type: 'date' }) : null}
            {type === 'BIRTH' ? (
              <>
                {text('name', t('registry.events.childName'))}
                <Field label={t('registry.fields.sex')} name="event-sex" error={fieldError(state, 'sex')}>
                  <select id="event-sex" name="sex" defaultValue="" className={inputClass} {...invalidProps(state, 'sex')}>
                    <option value="">{t('registry.form.choose')}</option>
                    {SEXES.map((s) => (
                      <option key={s} value={s}>
                        {t(`registry.sex.${s}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                {text('idNumber', t('registry.fields.idNumber'))}
                {text('birthOrder', t('registry.events.birthOrder'), { inputMode: 'numeric', placeholder: t('registry.events.birthOrderHint') })}
              </>
            ) : null}
            {type === 'DEATH' && newHeadChoices.length > 0 ? (
              <Field label={t('registry.events.newHead')} name="event-newHeadId" error={fieldError(state, 'newHeadId')}>
                <select id="event-newHeadId" name="newHeadId" defaultValue="" className={inputClass} {...invalidProps(state, 'newHeadId')}>
                  <option value="">{t('registry.events.newHeadNone')}</option>
                  {newHeadChoices.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            {type === 'MARRIAGE' ? text('spouseName', t('registry.events.spouseName')) : null}
            {type === 'MOVE_OUT' ? text('destination', t('registry.events.destination')) : null}
            {type === 'MOVE_WITHIN' ? (
              <Field label={t('registry.events.toRegion')} name="event-toRegionId" error={fieldError(state, 'toRegionId')}>
                <select id="event-toRegionId" name="toRegionId" defaultValue="" className={inputClass} {...invalidProps(state, 'toRegionId')}>
                  <option value="">{t('registry.form.choose')}</option>
                  {regions.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            {type === 'MOVE_WITHIN' || type === 'RETURN' ? (
              <>
                {text('toHouseholdId', t('registry.events.toHousehold'), { inputMode: 'numeric' })}
                <Field label={t('registry.fields.relation')} name="event-relation" error={fieldError(state, 'relation')}>
                  <select id="event-relation" name="relation" defaultValue="" className={inputClass}>
                    <option value="">{t('registry.form.choose')}</option>
                    {RELATIONS.map((r) => (
                      <option key={r} value={r}>
                        {t(`registry.relation.${r}`)}
                      </option>
                    ))}
                  </select>
                </Field>
              </>
            ) : null}
          </div>
          {type ? (
            <PendingButton pending={pending} busy={t('common.saving')}>
              {t('registry.events.record')}
            </PendingButton>
          ) : null}
        </form>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby="event-confirm-title"
        aria-describedby="event-confirm-text"
        onClose={() => setHeld(null)}
        className="rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id="event-confirm-title" className="mb-2 text-base font-medium">
          {t('registry.events.confirmTitle')}
        </h2>
        <p id="event-confirm-text" className="mb-4 max-w-md text-sm">
          {type === 'DEATH' || type === 'MOVE_OUT' ? t(`registry.events.confirm${type}`) : null}
        </p>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={close}>
            {t('registry.events.cancel')}
          </button>
          <button
            type="button"
            className={buttonClass.danger}
            onClick={() => {
              if (held) submit(held)
              close()
            }}
          >
            {t('registry.events.confirm')}
          </button>
        </div>
      </dialog>
    </>
  )
}

/** Someone moves into the county and into this household. */
export function MoveInForm({ householdId, formKey }: { householdId: number; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordEventAction)
  const [person, setPerson] = useState<PersonDraft>(emptyPerson(''))
  const { relation, ...rest } = draftToInput(person, true) as Record<string, string>
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('registry.events.types.MOVE_IN')}>
      <ActionMessage state={state} />
      <input type="hidden" name="type" value="MOVE_IN" />
      <input type="hidden" name="formKey" value={formKey} />
      <input type="hidden" name="householdId" value={householdId} />
      <input type="hidden" name="relation" value={relation ?? ''} />
      <input type="hidden" name="person" value={JSON.stringify(rest)} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t('registry.events.occurredOn')} name="movein-occurredOn" error={fieldError(state, 'occurredOn')}>
          <input id="movein-occurredOn" name="occurredOn" type="date" className={inputClass} />
        </Field>
        <Field label={t('registry.events.origin')} name="movein-origin" error={fieldError(state, 'origin')}>
          <input id="movein-origin" name="origin" className={inputClass} />
        </Field>
      </div>
      <PersonFieldset
        value={person}
        onChange={setPerson}
        prefix="person"
        errors={
          state && !state.ok ? { ...state.fieldErrors, ...(state.fieldErrors?.relation ? { 'person.relation': state.fieldErrors.relation } : {}) } : undefined
        }
        withRelation
      />
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('registry.events.record')}
      </PendingButton>
    </form>
  )
}

export function CorrectEventForm({ eventId, type }: { eventId: number; type: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(correctEventAction)
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs text-brand-600">{t('registry.events.correct')}</summary>
      <form method="post" onSubmit={onSubmit} className="mt-2 space-y-2" noValidate>
        <ActionMessage state={state} />
        <input type="hidden" name="eventId" value={eventId} />
        <div className="grid gap-2 sm:grid-cols-3">
          <Field label={t('registry.events.occurredOn')} name={`c-${eventId}-date`} error={fieldError(state, 'occurredOn')}>
            <input id={`c-${eventId}-date`} name="occurredOn" type="date" className={inputClass} />
          </Field>
          {type === 'MOVE_OUT' ? (
            <Field label={t('registry.events.destination')} name={`c-${eventId}-dest`} error={fieldError(state, 'destination')}>
              <input id={`c-${eventId}-dest`} name="destination" className={inputClass} />
            </Field>
          ) : null}
          {type === 'MOVE_IN' ? (
            <Field label={t('registry.events.origin')} name={`c-${eventId}-origin`} error={fieldError(state, 'origin')}>
              <input id={`c-${eventId}-origin`} name="origin" className={inputClass} />
            </Field>
          ) : null}
          <Field label={t('registry.events.reason')} name={`c-${eventId}-reason`} error={fieldError(state, 'reason')}>
            <input id={`c-${eventId}-reason`} name="reason" className={inputClass} />
          </Field>
        </div>
        <PendingButton kind="secondary" pending={pending} busy={t('common.saving')}>
          {t('registry.events.correction')}
        </PendingButton>
      </form>
    </details>
  )
}
