'use client'
import { useState } from 'react'
import { createHouseholdAction } from '@/lib/registry/actions'
import { HOUSEHOLD_TYPES } from '@/lib/registry/schemas'
import { useT } from '@/lib/i18n/client'
import { buttonClass, Card, Field, inputClass } from '@/components/ui'
import { ActionMessage, PendingButton, useActionForm } from '@/components/ui/client'
import { Combobox, type ComboboxOption } from '@/components/ui/Combobox'
import { draftToInput, emptyPerson, PersonFieldset, type PersonDraft } from './PersonFieldset'

/** `regions`: the villages and groups the user may place a household in, as searchable options (pinyin initials too). */
export function NewHouseholdForm({ regions, formKey }: { regions: ComboboxOption[]; formKey: string }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(createHouseholdAction)
  const [regionId, setRegionId] = useState(regions.length === 1 ? regions[0].value : '')
  const [address, setAddress] = useState('')
  const [type, setType] = useState('FAMILY')
  const [members, setMembers] = useState<PersonDraft[]>([emptyPerson('SELF')])
  const errors = state && !state.ok ? state.fieldErrors : undefined
  const payload = JSON.stringify({ regionId, address, type, members: members.map((m) => draftToInput(m, true)) })

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <ActionMessage state={state} />
      {errors?.['household.members'] ? (
        <p role="alert" className="text-sm text-red-700">
          {errors['household.members']}
        </p>
      ) : null}
      <input type="hidden" name="household" value={payload} />
      <input type="hidden" name="formKey" value={formKey} />
      <Card>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label={t('registry.fields.region')} name="regionId" error={errors?.['household.regionId']}>
            <Combobox
              id="regionId"
              name="regionId"
              options={regions}
              defaultValue={regionId}
              onChange={setRegionId}
              invalid={!!errors?.['household.regionId']}
              describedBy={errors?.['household.regionId'] ? 'regionId-error' : undefined}
            />
          </Field>
          <Field label={t('registry.fields.address')} name="address" error={errors?.['household.address']}>
            <input id="address" value={address} onChange={(e) => setAddress(e.target.value)} className={inputClass} />
          </Field>
          <Field label={t('registry.fields.householdType')} name="type">
            <select id="type" value={type} onChange={(e) => setType(e.target.value)} className={inputClass}>
              {HOUSEHOLD_TYPES.map((h) => (
                <option key={h} value={h}>
                  {t(`registry.householdType.${h}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </Card>
      {members.map((member, i) => (
        <Card key={i}>
          <fieldset aria-label={t('registry.form.memberN', { n: i + 1 })}>
            <div className="mb-2 flex items-center justify-between">
              <legend className="text-sm font-medium text-slate-700">{t('registry.form.memberN', { n: i + 1 })}</legend>
              {members.length > 1 ? (
                <button type="button" className="text-sm text-red-700 hover:underline" onClick={() => setMembers(members.filter((_, j) => j !== i))}>
                  {t('registry.form.removeMember')}
                </button>
              ) : null}
            </div>
            <PersonFieldset
              value={member}
              onChange={(next) => setMembers(members.map((m, j) => (j === i ? next : m)))}
              prefix={`household.members.${i}`}
              errors={errors}
              withRelation
            />
          </fieldset>
        </Card>
      ))}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.secondary} onClick={() => setMembers([...members, emptyPerson('')])}>
          {t('registry.form.addMember')}
        </button>
        <PendingButton pending={pending} busy={t('common.saving')}>
          {t('registry.form.submitHousehold')}
        </PendingButton>
      </div>
    </form>
  )
}
