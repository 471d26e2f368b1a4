import 'server-only'
import { revalidatePath } from 'next/cache'
import { unstable_rethrow } from 'next/navigation'
import type { z } from 'zod'
import { can, type Action } from '@/lib/access/permissions'
import { isMessageKey, type MessageKey, type MessageParams, type Translate } from '@/lib/i18n/core'
import { getT } from '@/lib/i18n/server'
import { auditDenied } from './audit'
import type { ServiceContext } from './context'
import { AppError } from './errors'
import { forgetInbox } from '@/lib/inbox/cache'
import { actorOf, getSessionUser, type SessionUser } from './session'

export type ActionState<T = unknown> = { ok: true; data: T; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null

/**
 * What an action's `run` gets: the ServiceContext to pass on to the service as its first argument
 * (`actor` for the audit trail, `subject` for permissions and scope: the signed-in user), plus the
 * user and the translator for what the action itself shows.
 */
export interface ActionContext extends ServiceContext {
  user: SessionUser
  t: Translate
}

interface ActionConfig<S extends z.ZodType, T> {
  schema: S
  /** checked for every call; region-level checks happen in the service against the loaded rows */
  permission?: Action
  /** only the password-change action may run while a password change is pending */
  allowWhilePasswordChangePending?: boolean
  run: (input: z.output<S>, ctx: ActionContext) => Promise<T>
  revalidate?: string[]
  success?: MessageKey
}

/** Default zod messages are not user-facing; map each issue to one of ours. */
function issueKey(issue: z.core.$ZodIssue): MessageKey {
  if (isMessageKey(issue.message)) return issue.message
  switch (issue.code) {
    case 'too_big':
      return 'errors.tooLong'
    case 'too_small':
      return 'errors.required'
    default:
      return 'errors.invalid'
  }
}

export function fieldErrorsOf(error: z.ZodError, t: Translate): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_form'
    out[field] ??= t(issueKey(issue), issue.code === 'too_big' ? { max: String(issue.maximum) } : undefined)
  }
  return out
}

/** A parameter that is itself a message key (a role's name, say) is shown in the user's language. */
function translatedParams(params: MessageParams | undefined, t: Translate): MessageParams | undefined {
  if (!params) return undefined
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && isMessageKey(v) ? t(v) : v]))
}

function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue
    out[key] = typeof value === 'string' ? value : value
  }
  return out
}

/**
 * The one pipeline every server action goes through (DESIGN.md section 5): authenticate, parse
 * with the module's zod schema, check permission, run the service (which opens its transaction
 * and appends its audit event), revalidate, and answer { ok, data } or { ok: false, error }.
 */
export function defineAction<S extends z.ZodType, T>(config: ActionConfig<S, T>) {
  return async function run(_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> {
    const t = await getT()
    try {
      const user = await getSessionUser()
      if (!user) return { ok: false, error: t('errors.sessionExpired') }
      if (user.mustChangePassword && !config.allowWhilePasswordChangePending) {
        return { ok: false, error: t('password.mustChange') }
      }
      const actor = await actorOf(user)
      const parsed = config.schema.safeParse(formDataToObject(formData))
      if (!parsed.success) {
        return { ok: false, error: t('errors.checkFields'), fieldErrors: fieldErrorsOf(parsed.error, t) }
      }
      if (config.permission && !can(user, config.permission)) {
        await auditDenied(actor, config.permission)
        return { ok: false, error: t('errors.forbidden') }
      }
      const data = await config.run(parsed.data, { actor, subject: user, user, t })
      // what the user wrote may have done (or added) an inbox item of someone above or below: read again
      forgetInbox({ regionId: user.regionId, ancestorIds: user.regionAncestorIds })
      for (const path of config.revalidate ?? []) revalidatePath(path)
      return { ok: true, data, message: config.success ? t(config.success) : undefined }
    } catch (error) {
      unstable_rethrow(error)
      if (error instanceof AppError) {
        const params = translatedParams(error.params, t)
        const fieldErrors = error.fieldErrors ? Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, t(v, params)])) : undefined
        return { ok: false, error: t(error.key, params), fieldErrors }
      }
      console.error('[action] unexpected error', error)
      return { ok: false, error: t('errors.generic') }
    }
  }
}
