'use client'
import { useState } from 'react'
import { correctEventAction, recordEventAction } from '@/lib/registry/actions'
import { RELATIONS, SEXES } from '@/lib/registry/schemas'
import { useT } from '@/lib/i18n/client'
import { Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import { draftToInput, emptyPerson, PersonFieldset, type PersonDraft } from './PersonFieldset'

type PersonEventType = 'BIRTH' | 'DEATH' | 'MARRIAGE' | 'DIVORCE' | 'MOVE_WITHIN' | 'MOVE_OUT' | 'RETURN'

/** Records an event in this person's life; the fields follow the type chosen. */
export function EventForm({ personId, version, types, regions }: { personId: number; version: number; types: PersonEventType[]; regions: { id: number; label: string }[] }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordEventAction)
  const [type, setType] = useState<PersonEventType | ''>('')
  const text = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} name={`event-${name}`} error={fieldError(state, name)}>
      <input id={`event-${name}`} name={name} className={inputClass} {...invalidProps(state, name)} {...extra} />
    </Field>
  )
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('registry.events.record')} key={version}>
      <ActionMessage state={state} />
      <input type="hidden" name={type === 'BIRTH' ? 'motherId' : 'personId'} value={personId} />
      <input type="hidden" name="version" value={version} />
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
          </>
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
                {RELATIONS.filter((r) => r !== 'SELF').map((r) => (
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
  )
}

/** Someone moves into the county and into this household. */
export function MoveInForm({ householdId }: { householdId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(recordEventAction)
  const [person, setPerson] = useState<PersonDraft>(emptyPerson(''))
  const { relation, ...rest } = draftToInput(person, true) as Record<string, string>
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('registry.events.types.MOVE_IN')}>
      <ActionMessage state={state} />
      <input type="hidden" name="type" value="MOVE_IN" />
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
      <PersonFieldset value={person} onChange={setPerson} prefix="person" errors={state && !state.ok ? { ...state.fieldErrors, ...(state.fieldErrors?.relation ? { 'person.relation': state.fieldErrors.relation } : {}) } : undefined} withRelation />
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
      <form onSubmit={onSubmit} className="mt-2 space-y-2" noValidate>
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
