import { z } from 'zod'

// Field schemas shared by every module. Messages are i18n keys (lib/i18n), translated at the edge
// into the user's language; see lib/server/action.ts.

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/
/**
 * Names of people, places and units: Chinese characters, Latin letters and digits, spaces and the
 * punctuation such names really use (the middle dot of minority names, brackets, dashes).
 * Everything else — markup, quotes, semicolons, emoji — is refused with a message.
 */
const NAME_CHARACTERS = /^[\p{Script=Han}\p{Letter}\p{Mark}\p{Number} ·•.()（）\-—_]+$/u

/** Trims, then requires 1..max characters of plain name text. */
export function nameText(max: number) {
  return z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required', abort: true })
    .max(max, { error: 'errors.tooLong', abort: true })
    .refine((s) => !CONTROL_CHARACTERS.test(s), { error: 'errors.controlCharacters' })
    .refine((s) => NAME_CHARACTERS.test(s), { error: 'errors.nameCharacters' })
}

/** Free text (reasons, comments): anything printable up to `max`, no control characters. */
export function freeText(max: number) {
  return z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required', abort: true })
    .max(max, { error: 'errors.tooLong', abort: true })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: 'errors.controlCharacters' })
}

export const username = z
  .string({ error: 'errors.required' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'errors.required', abort: true })
  .max(32, { error: 'errors.tooLong' })
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { error: 'errors.usernameFormat' })

/** A password as typed at sign-in: not checked against the rules, only bounded. */
export const passwordInput = z
  .string({ error: 'errors.required' })
  .min(1, { error: 'errors.required', abort: true })
  .max(256, { error: 'errors.tooLong' })

/** A positive whole number as a form sends it; an empty field or unchosen select is "required". */
function positiveInteger() {
  return z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, { error: 'errors.required', abort: true })
    .regex(/^[1-9]\d{0,9}$/, { error: 'errors.invalid' })
    .transform(Number)
    .refine((n) => n <= 2_147_483_647, { error: 'errors.invalid' })
}

export const id = positiveInteger()
export const version = positiveInteger()

/** One of a fixed list (a select): nothing chosen is "required", anything else foreign "invalid". */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (issue) => (issue.input === undefined || issue.input === '' ? 'errors.required' : 'errors.invalid') })
}

export const page = z.coerce.number().int().min(1).max(100_000).catch(1)

/** yyyy-mm-dd or empty (meaning "no bound"). */
export const optionalDate = z
  .string()
  .trim()
  .max(10, { error: 'errors.invalidDate' })
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: 'errors.invalidDate' })
  .refine((s) => s === '' || !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()), { error: 'errors.invalidDate' })
  .optional()
