import { z } from 'zod'

// Field schemas shared by every module. Messages are i18n keys (lib/i18n), translated at the edge
// into the user's language; see lib/server/action.ts.

// Every schema states its messages as keys; for an issue it does not name (a list where a text was
// expected, a missing key of a nested object) zod's English default is replaced by a key too, so
// no page or route ever shows "Invalid input: expected string, received array".
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'errors.required'
    if (issue.code === 'too_big' && issue.origin === 'string') return 'errors.tooLong'
    if (issue.code === 'too_small' && issue.origin === 'string') return 'errors.required'
    return 'errors.invalid'
  },
})

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
export const passwordInput = z.string({ error: 'errors.required' }).min(1, { error: 'errors.required', abort: true }).max(256, { error: 'errors.tooLong' })

/** A positive whole number as a form sends it; an empty field or unchosen select is "required". */
function positiveInteger() {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'errors.required' : 'errors.invalid') })
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

// ------------------------------------------------------------------ optional query and form fields
//
// A form sends every field, filled or not: an empty box is "", an unchosen select is "". z.coerce
// turns "" into 0 (a search for "age 0 to 0"), so no schema coerces; these helpers read "", spaces
// and an absent field as "no filter" (undefined) and anything else strictly. A repeated query
// parameter (an array) or any other foreign value is "invalid", never a thrown error.

/** The largest value of a PostgreSQL integer column: every id and count the database stores. */
export const MAX_INT = 2_147_483_647

/** "", whitespace, null and undefined are all "not given". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}
const blankToUndefined = (value: unknown) => (isBlank(value) ? undefined : value)

/** Any field schema made optional: an empty field is undefined, anything else must pass `schema`. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional())
}

interface NumberMessages {
  /** not a whole number at all */
  invalid?: string
  /** a whole number outside min..max */
  range?: string
}

/** A whole number in min..max written in decimal digits (a leading minus allowed), as a string or a number. */
function wholeNumber(min: number, max: number, messages: NumberMessages = {}) {
  const invalid = messages.invalid ?? 'errors.invalid'
  const range = messages.range ?? invalid
  return z
    .union([z.string(), z.number()], { error: invalid })
    .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
    .pipe(z.string().regex(/^-?\d{1,16}$/, { error: invalid }))
    .transform(Number)
    .pipe(z.number().min(min, { error: range }).max(max, { error: range }))
}

/** A whole number in min..max, or undefined when the field is empty. "0" stays 0 where min allows it. */
export function optionalInt(min: number, max: number, messages?: NumberMessages) {
  return z.preprocess(blankToUndefined, wholeNumber(min, max, messages).optional())
}

/** A whole number in min..max that must be given: an empty field is "required". */
export function requiredInt(min: number, max: number, messages?: NumberMessages) {
  return z.preprocess(
    blankToUndefined,
    z
      .unknown()
      .refine((v) => v !== undefined, { error: 'errors.required', abort: true })
      .pipe(wholeNumber(min, max, messages)),
  )
}

/**
 * Text typed into a search or filter box: trimmed, up to `max` characters, "" when empty or absent.
 * A control character (a NUL byte, which PostgreSQL refuses outright) is an error, not a query.
 */
export function queryText(max: number) {
  return z.preprocess(
    (v) => v ?? '',
    z
      .string({ error: 'errors.invalid' })
      .trim()
      .max(max, { error: 'errors.tooLong', abort: true })
      .refine((s) => !CONTROL_CHARACTERS.test(s), { error: 'errors.controlCharacters' }),
  )
}

/** A database id (1..2^31-1), or undefined when the field is empty. */
export const optionalId = z.preprocess(blankToUndefined, id.optional())

/** One of a fixed list, or undefined when nothing is chosen. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(blankToUndefined, z.enum(values, { error: 'errors.invalid' }).optional())
}

/** A calendar date yyyy-mm-dd that exists (no 2026-02-30, no year 0000) between 1900 and 2100. */
export const dateText = z
  .string({ error: 'errors.invalidDate' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'errors.invalidDate', abort: true })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`)
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1900-01-01' && s <= '2100-12-31'
    },
    { error: 'errors.invalidDate' },
  )

/** yyyy-mm-dd, or undefined when the field is empty (meaning "no bound"). */
export const optionalDate = z.preprocess(blankToUndefined, dateText.optional())

/** A month yyyy-mm between 1900-01 and 2100-12, or undefined when the field is empty. */
export const optionalMonth = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'errors.invalidDate' })
    .trim()
    .regex(/^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, { error: 'errors.invalidDate' })
    .optional(),
)

/** A page number from the query string: anything but 1..100000 is page 1. */
export const page = optionalInt(1, 100_000)
  .catch(undefined)
  .transform((p) => p ?? 1)

/** A numeric id from the URL (a route segment or a query parameter), or null: the page answers 404. */
export function routeId(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_INT ? Number(value) : null
}

/**
 * The key a form that creates rows carries, made when the form is shown (lib/server/idempotency.ts):
 * a repeat submit of the same form is recognised by it.
 */
export const formKey = z
  .string({ error: 'errors.invalid' })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'errors.invalid' })
