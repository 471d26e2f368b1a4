import { z } from 'zod'
import { ROLES } from './roles'
import { choice, id, nameText, page, passwordInput, queryText, username, version } from '@/lib/validation/fields'

export const signInSchema = z.object({
  username,
  password: passwordInput,
})

export const changePasswordSchema = z
  .object({
    currentPassword: passwordInput,
    newPassword: passwordInput,
    confirmPassword: passwordInput,
  })
  .refine((v) => v.newPassword === v.confirmPassword, { error: 'password.mismatch', path: ['confirmPassword'] })

const role = choice(ROLES)

export const createUserSchema = z.object({
  username,
  name: nameText(50),
  role,
  regionId: id,
})

export const updateUserSchema = z.object({
  userId: id,
  version,
  name: nameText(50),
  role,
  regionId: id,
})

export const userRefSchema = z.object({ userId: id, version })

export const userListSchema = z.object({
  q: queryText(50),
  page,
})
