'use server'
import { redirect } from 'next/navigation'
import { getT } from '@/lib/i18n/server'
import { defineAction, fieldErrorsOf, type ActionState } from '@/lib/server/action'
import { signIn, signOut } from '@/lib/server/auth'
import { actorOf, getSessionUser } from '@/lib/server/session'
import { requestMeta } from '@/lib/server/request'
import { waitMessage } from './throttle'
import { changePasswordSchema, createUserSchema, signInSchema, updateUserSchema, userRefSchema } from './schemas'
import { changeOwnPassword, createUser, resetPassword, setUserActive, signInWithPassword, signOutSession, updateUser } from './service'
import { z } from 'zod'

export async function signInAction(_previous: ActionState<null>, formData: FormData): Promise<ActionState<null>> {
  const t = await getT()
  const parsed = signInSchema.safeParse({ username: formData.get('username'), password: formData.get('password') })
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, t)
    // A malformed username is simply a wrong one; only say "required" for an empty field.
    if (fieldErrors.username && String(formData.get('username') ?? '').trim() !== '') return { ok: false, error: t('login.invalid') }
    return { ok: false, error: t('errors.checkFields'), fieldErrors }
  }
  const result = await signInWithPassword(parsed.data, await requestMeta())
  if (!result.ok) {
    if (result.reason === 'throttled') {
      const message = waitMessage(result.retryAfterSeconds)
      return { ok: false, error: t(message.key, message.params) }
    }
    return { ok: false, error: t(result.reason === 'inactive' ? 'login.inactive' : 'login.invalid') }
  }
  await signIn('ticket', { ticket: result.ticket, redirect: false })
  redirect('/')
}

export async function signOutAction(): Promise<void> {
  const user = await getSessionUser()
  if (user) await signOutSession(await actorOf(user), user.sessionId)
  await signOut({ redirectTo: '/login' })
}

export const changePasswordAction = defineAction({
  schema: changePasswordSchema,
  allowWhilePasswordChangePending: true,
  run: async (input, ctx) => {
    await changeOwnPassword(ctx, ctx.user, input)
    redirect('/?passwordChanged=1')
  },
})

export const createUserAction = defineAction({
  schema: createUserSchema,
  permission: 'user.manage',
  run: (input, ctx) => createUser(ctx, input),
  revalidate: ['/users'],
  success: 'users.created',
})

export const updateUserAction = defineAction({
  schema: updateUserSchema,
  permission: 'user.manage',
  run: (input, ctx) => updateUser(ctx, input),
  revalidate: ['/users'],
  success: 'common.saved',
})

export const setUserActiveAction = defineAction({
  schema: userRefSchema.extend({ active: z.enum(['true', 'false']).transform((v) => v === 'true') }),
  permission: 'user.manage',
  run: (input, ctx) => setUserActive(ctx, input),
  revalidate: ['/users'],
  success: 'common.saved',
})

export const resetPasswordAction = defineAction({
  schema: userRefSchema,
  permission: 'user.manage',
  run: (input, ctx) => resetPassword(ctx, input),
  revalidate: ['/users'],
  success: 'users.passwordReset',
})
