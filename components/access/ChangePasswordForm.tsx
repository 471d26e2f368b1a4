'use client'
import { changePasswordAction } from '@/lib/access/actions'
import { useT } from '@/lib/i18n/client'
import { Field, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

export function ChangePasswordForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(changePasswordAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <ActionMessage state={state} />
      <Field label={t('password.current')} name="currentPassword" error={fieldError(state, 'currentPassword')}>
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          className={inputClass}
          {...invalidProps(state, 'currentPassword')}
        />
      </Field>
      <Field label={t('password.new')} name="newPassword" hint={t('password.rulesHint')} error={fieldError(state, 'newPassword')}>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" className={inputClass} {...invalidProps(state, 'newPassword')} />
      </Field>
      <Field label={t('password.confirm')} name="confirmPassword" error={fieldError(state, 'confirmPassword')}>
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          {...invalidProps(state, 'confirmPassword')}
        />
      </Field>
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('password.submit')}
      </PendingButton>
    </form>
  )
}
