'use client'
import { signInAction } from '@/lib/access/actions'
import { useT } from '@/lib/i18n/client'
import { Alert, Field, inputClass } from '@/components/ui'
import { fieldError, invalidProps, PendingButton, useActionForm } from '@/components/ui/client'

export function LoginForm() {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(signInAction)
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      {state && !state.ok ? <Alert kind="error">{state.error}</Alert> : null}
      <Field label={t('login.username')} name="username" error={fieldError(state, 'username')}>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          required
          maxLength={64}
          className={inputClass}
          {...invalidProps(state, 'username')}
        />
      </Field>
      <Field label={t('login.password')} name="password" error={fieldError(state, 'password')}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={256}
          className={inputClass}
          {...invalidProps(state, 'password')}
        />
      </Field>
      <PendingButton pending={pending} busy={t('login.submitting')}>
        {t('login.submit')}
      </PendingButton>
    </form>
  )
}
