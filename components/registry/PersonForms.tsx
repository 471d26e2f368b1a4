'use client'
import { useState } from 'react'
import { addMemberAction, revealIdAction, updatePersonAction } from '@/lib/registry/actions'
import { useT } from '@/lib/i18n/client'
import { buttonClass } from '@/components/ui'
import { ActionMessage, PendingButton, useActionForm } from '@/components/ui/client'
import { draftToInput, emptyPerson, PersonFieldset, type PersonDraft } from './PersonFieldset'

export function AddMemberForm({ householdId }: { householdId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(addMemberAction)
  const [member, setMember] = useState<PersonDraft>(emptyPerson(''))
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('registry.person.addMember')}>
      <ActionMessage state={state} />
      <input type="hidden" name="householdId" value={householdId} />
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
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label={t('registry.person.edit')} key={version}>
      <ActionMessage state={state} />
      <input type="hidden" name="personId" value={personId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="person" value={JSON.stringify(draftToInput(person, false))} />
      <PersonFieldset value={person} onChange={setPerson} prefix="person" errors={state && !state.ok ? state.fieldErrors : undefined} idPlaceholder={idMasked ?? undefined} />
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
  if (state?.ok) return <span data-testid="full-id" className="font-mono">{state.data ?? t('registry.person.noId')}</span>
  return (
    <form onSubmit={onSubmit} className="inline">
      <input type="hidden" name="personId" value={personId} />
      <button type="submit" disabled={pending} className={buttonClass.link} title={t('registry.person.revealNote')}>
        {t('registry.person.reveal')}
      </button>
      {state && !state.ok ? <span className="ml-2 text-sm text-red-700">{state.error}</span> : null}
    </form>
  )
}
