'use client'
import { useState } from 'react'
import { addMemberAction, revealIdAction, setHeadAction, setParentsAction, updatePersonAction } from '@/lib/registry/actions'
import { useT } from '@/lib/i18n/client'
import { buttonClass, Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import { draftToInput, emptyPerson, PersonFieldset, type PersonDraft } from './PersonFieldset'

export function AddMemberForm({ householdId, formKey }: { householdId: number; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(addMemberAction)
  const [member, setMember] = useState<PersonDraft>(emptyPerson(''))
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('registry.person.addMember')}>
      <ActionMessage state={state} />
      <input type="hidden" name="householdId" value={householdId} />
      <input type="hidden" name="formKey" value={formKey} />
      <input type="hidden" name="member" value={JSON.stringify(draftToInput(member, true))} />
      <PersonFieldset value={member} onChange={setMember} prefix="member" errors={state && !state.ok ? state.fieldErrors : undefined} withRelation />
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('registry.person.addMember')}
      </PendingButton>
    </form>
  )
}

export function EditPersonForm({ personId, version, initial, idMasked }: { personId: number; version: number; initial: PersonDraft; idMasked: string | null }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(updatePersonAction)
  const [person, setPerson] = useState<PersonDraft>(initial)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('registry.person.edit')} key={version}>
      <ActionMessage state={state} />
      <input type="hidden" name="personId" value={personId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="person" value={JSON.stringify(draftToInput(person, false))} />
      <PersonFieldset
        value={person}
        onChange={setPerson}
        prefix="person"
        errors={state && !state.ok ? state.fieldErrors : undefined}
        idPlaceholder={idMasked ?? undefined}
      />
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('common.save')}
      </PendingButton>
    </form>
  )
}

/** Shows the full ID number after a deliberate click; the server audits every reveal. */
export function RevealId({ personId }: { personId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(revealIdAction)
  if (state?.ok)
    return (
      <span data-testid="full-id" className="font-mono">
        {state.data ?? t('registry.person.noId')}
      </span>
    )
  return (
    <form method="post" onSubmit={onSubmit} className="inline">
      <input type="hidden" name="personId" value={personId} />
      <button type="submit" disabled={pending} className={buttonClass.link} title={t('registry.person.revealNote')}>
        {t('registry.person.reveal')}
      </button>
      {state && !state.ok ? <span className="ml-2 text-sm text-red-700">{state.error}</span> : null}
    </form>
  )
}

type Choice = { id: number; label: string }

/** The clerk's word on a person's mother and father (when the household's inference is wrong). */
export function ParentsForm({
  personId,
  version,
  motherId,
  fatherId,
  mothers,
  fathers,
}: {
  personId: number
  version: number
  motherId: number | null
  fatherId: number | null
  mothers: Choice[]
  fathers: Choice[]
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(setParentsAction)
  const select = (name: 'motherId' | 'fatherId', label: string, value: number | null, choices: Choice[]) => (
    <Field label={label} name={`parents-${name}`} error={fieldError(state, name)}>
      <select id={`parents-${name}`} name={name} defaultValue={value ?? ''} className={inputClass} {...invalidProps(state, name)}>
        <option value="">{t('registry.person.parentNone')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </Field>
  )
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('registry.person.parents')} key={version}>
      <ActionMessage state={state} />
      <p className="text-sm text-slate-600">{t('registry.person.parentsNote')}</p>
      <input type="hidden" name="personId" value={personId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-3 sm:grid-cols-2">
        {select('motherId', t('registry.fields.mother'), motherId, mothers)}
        {select('fatherId', t('registry.fields.father'), fatherId, fathers)}
      </div>
      <PendingButton kind="secondary" pending={pending} busy={t('common.saving')}>
        {t('registry.person.saveParents')}
      </PendingButton>
    </form>
  )
}

/** Names a household's head from its living members (after a head died or moved out). */
export function SetHeadForm({ householdId, members }: { householdId: number; members: Choice[] }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(setHeadAction)
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate aria-label={t('registry.householdPage.setHead')}>
      <ActionMessage state={state} />
      <input type="hidden" name="householdId" value={householdId} />
      <Field label={t('registry.householdPage.setHead')} name="set-headId" error={fieldError(state, 'newHeadId') ?? fieldError(state, 'headId')}>
        <select id="set-headId" name="headId" defaultValue="" className={inputClass}>
          <option value="">{t('registry.form.choose')}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </Field>
      <PendingButton kind="secondary" pending={pending} busy={t('common.saving')}>
        {t('common.save')}
      </PendingButton>
    </form>
  )
}
