'use client'
import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from 'react'
import { buttonClass } from './index'
import type { ActionState } from '@/lib/server/action'
import type { MessageKey, MessageParams, Translate } from '@/lib/i18n/core'
import { useT } from '@/lib/i18n/client'
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

/** A file input's size limit, checked in the browser before anything is sent. */
export interface FileLimit {
  max: number
  error: MessageKey
  params?: MessageParams
}

/**
 * The action, but a failure to reach it becomes a message in the form instead of a crash: a
 * network error, or a text/plain refusal such as proxy.ts's answer to an over-size body (already
 * in the user's language). Errors Next.js itself handles (redirects, not-found) carry a digest
 * and pass through.
 */
function reachable<T>(action: (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>, t: Translate) {
  return async (previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    try {
      return await action(previous, formData)
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'digest' in error) throw error
      if (error instanceof TypeError) return { ok: false, error: t('errors.network') }
      const message = error instanceof Error ? error.message : ''
      // Next.js's own fallback for a response that is neither the action's result nor text/plain.
      if (!message || message.startsWith('An unexpected response')) return { ok: false, error: t('errors.generic') }
      return { ok: false, error: message }
    }
  }
}

/**
 * Runs a server action from a form without React's automatic reset, so what the user typed (or
 * the file they chose) stays after an error. The submit button's name and value are sent too.
 * `files` limits the size of file inputs by name: an over-size file is refused here, with the
 * translated message as the field's error, and never uploaded.
 */
export function useActionForm<T>(
  action: (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>,
  options: { files?: Record<string, FileLimit> } = {},
) {
  const t = useT()
  const [state, dispatch, pending] = useActionState(reachable(action, t), null)
  const [local, setLocal] = useState<ActionState<T>>(null)
  const submit = (formData: FormData) => {
    setLocal(null)
    startTransition(() => dispatch(formData))
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter
    const formData = new FormData(event.currentTarget, submitter)
    for (const [name, limit] of Object.entries(options.files ?? {})) {
      const file = formData.get(name)
      if (file instanceof File && file.size > limit.max) {
        const error = t(limit.error, limit.params)
        setLocal({ ok: false, error, fieldErrors: { [name]: error } })
        return
      }
    }
    submit(formData)
  }
  return { state: local ?? state, onSubmit, submit, pending }
}

export function PendingButton({
  children,
  pending,
  busy,
  kind = 'primary',
  name,
  value,
}: {
  children: ReactNode
  pending: boolean
  busy?: ReactNode
  kind?: keyof typeof buttonClass
  name?: string
  value?: string
}) {
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-busy={pending} className={buttonClass[kind]}>
      {pending && busy ? busy : children}
    </button>
  )
}
