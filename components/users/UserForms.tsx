'use client'
import { createUserAction, resetPasswordAction, setUserActiveAction, updateUserAction } from '@/lib/access/actions'
import { ROLES, type Role } from '@/lib/access/roles'
import type { RegionOption } from '@/lib/access/queries'
import { useT } from '@/lib/i18n/client'
import { Alert, Field, inputClass } from '@/components/ui'
import { Combobox } from '@/components/ui/Combobox'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'
import type { ActionState } from '@/lib/server/action'

/** The region, searchable by name, pinyin initials or code: a county has hundreds of villages. */
function RegionSelect({ regions, defaultValue, state }: { regions: RegionOption[]; defaultValue?: number; state: ActionState<unknown> }) {
  const t = useT()
  const invalid = invalidProps(state, 'regionId')
  const options = regions.map((r) => ({
    value: String(r.id),
    label: `${r.townshipName ? `${r.townshipName} / ` : ''}${r.name}${t('common.paren', { text: t(`levels.${r.level}`) })}`,
    keys: r.keys,
  }))
  return (
    <Combobox
      id="regionId"
      name="regionId"
      options={options}
      defaultValue={defaultValue}
      invalid={!!invalid['aria-invalid']}
      describedBy={invalid['aria-describedby']}
    />
  )
}

function RoleSelect({ defaultValue, state }: { defaultValue?: Role; state: ActionState<unknown> }) {
  const t = useT()
  return (
    <select id="role" name="role" defaultValue={defaultValue ?? ''} className={inputClass} {...invalidProps(state, 'role')}>
      <option value="" disabled>
        —
      </option>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`roles.${r}`)}
        </option>
      ))}
    </select>
  )
}

function TemporaryPassword({ password }: { password: string }) {
  const t = useT()
  return (
    <Alert kind="warning">
      <p>
        {t('users.temporaryPassword')}
        {t('common.colon')}
        <code data-testid="temporary-password" className="rounded bg-white px-1.5 py-0.5 font-mono text-base">
          {password}
        </code>
      </p>
      <p className="mt-1 text-xs">{t('users.temporaryPasswordHint')}</p>
    </Alert>
  )
}

export function CreateUserForm({ regions }: { regions: RegionOption[] }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(createUserAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <ActionMessage state={state} />
      {state?.ok ? <TemporaryPassword password={state.data.temporaryPassword} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('users.username')} name="username" error={fieldError(state, 'username')}>
          <input id="username" name="username" autoCapitalize="none" className={inputClass} {...invalidProps(state, 'username')} />
        </Field>
        <Field label={t('users.name')} name="name" error={fieldError(state, 'name')}>
          <input id="name" name="name" className={inputClass} {...invalidProps(state, 'name')} />
        </Field>
        <Field label={t('users.role')} name="role" error={fieldError(state, 'role')}>
          <RoleSelect state={state} />
        </Field>
        <Field label={t('users.region')} name="regionId" error={fieldError(state, 'regionId')}>
          <RegionSelect regions={regions} state={state} />
        </Field>
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('users.create')}
      </PendingButton>
    </form>
  )
}

export function EditUserForm({
  user,
  regions,
}: {
  user: { id: number; version: number; name: string; role: Role; regionId: number }
  regions: RegionOption[]
}) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(updateUserAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate key={user.version}>
      <ActionMessage state={state} />
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t('users.name')} name="name" error={fieldError(state, 'name')}>
          <input id="name" name="name" defaultValue={user.name} className={inputClass} {...invalidProps(state, 'name')} />
        </Field>
        <Field label={t('users.role')} name="role" error={fieldError(state, 'role')}>
          <RoleSelect defaultValue={user.role} state={state} />
        </Field>
        <Field label={t('users.region')} name="regionId" error={fieldError(state, 'regionId')}>
          <RegionSelect regions={regions} defaultValue={user.regionId} state={state} />
        </Field>
      </div>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('common.save')}
      </PendingButton>
    </form>
  )
}

export function UserAccountActions({ user }: { user: { id: number; version: number; name: string; active: boolean } }) {
  const t = useT()
  const reset = useActionForm(resetPasswordAction)
  const activity = useActionForm(setUserActiveAction)
  return (
    <div className="space-y-3">
      {reset.state?.ok ? <TemporaryPassword password={reset.state.data.temporaryPassword} /> : <ActionMessage state={reset.state} />}
      <ActionMessage state={activity.state} />
      <div className="flex flex-wrap gap-2">
        <form
          method="post"
          onSubmit={(e) => {
            if (!window.confirm(t('users.confirmReset', { name: user.name }))) return e.preventDefault()
            reset.onSubmit(e)
          }}
        >
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="version" value={user.version} />
          <PendingButton kind="secondary" pending={reset.pending}>
            {t('users.resetPassword')}
          </PendingButton>
        </form>
        <form
          method="post"
          onSubmit={(e) => {
            if (user.active && !window.confirm(t('users.confirmDeactivate', { name: user.name }))) return e.preventDefault()
            activity.onSubmit(e)
          }}
        >
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="version" value={user.version} />
          <input type="hidden" name="active" value={user.active ? 'false' : 'true'} />
          <PendingButton kind={user.active ? 'danger' : 'secondary'} pending={activity.pending}>
            {user.active ? t('users.deactivate') : t('users.activate')}
          </PendingButton>
        </form>
      </div>
    </div>
  )
}
