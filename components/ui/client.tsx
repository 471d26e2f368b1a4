'use client'
import { startTransition, useActionState, type FormEvent, type ReactNode } from 'react'
import { buttonClass } from './index'
import type { ActionState } from '@/lib/server/action'
import { Alert } from './index'

/** The outcome of an action, above the form: its message, or the error. */
export function ActionMessage({ state }: { state: ActionState<unknown> }) {
  if (!state) return null
  if (state.ok) return state.message ? <Alert kind="success">{state.message}</Alert> : null
  return <Alert kind="error">{state.error}</Alert>
}

/** Props that mark an input invalid and tie it to its message. */
export function invalidProps(state: ActionState<unknown>, name: string) {
  const error = state && !state.ok ? state.fieldErrors?.[name] : undefined
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {}
}

export function fieldError(state: ActionState<unknown>, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined
}

/**
 * Runs a server action from a form without React's automatic reset, so what the user typed (or
 * the file they chose) stays after an error. The submit button's name and value are sent too.
 */
export function useActionForm<T>(action: (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>) {
  const [state, dispatch, pending] = useActionState(action, null)
  const submit = (formData: FormData) => startTransition(() => dispatch(formData))
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter
    submit(new FormData(event.currentTarget, submitter))
  }
  return { state, onSubmit, submit, pending }
}

export function PendingButton({ children, pending, busy, kind = 'primary', name, value }: { children: ReactNode; pending: boolean; busy?: ReactNode; kind?: keyof typeof buttonClass; name?: string; value?: string }) {
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-busy={pending} className={buttonClass[kind]}>
      {pending && busy ? busy : children}
    </button>
  )
}
