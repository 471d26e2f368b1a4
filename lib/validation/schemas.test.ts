import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { isMessageKey } from '@/lib/i18n/core'

// Every zod schema of every module (lib/*/schemas.ts, found by file name, not by a hand list) fed
// arbitrary form and query values: a schema never throws, and a refusal is always a message the
// user can read in their language, never zod's English default or a stack trace.

const modules = import.meta.glob<Record<string, unknown>>('../*/schemas.ts', { eager: true })

function schemasOf(): [string, z.ZodType][] {
  const out: [string, z.ZodType][] = []
  for (const [file, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) if (value instanceof z.ZodType) out.push([`${file.replace('../', '')} ${name}`, value])
  }
  return out
}

/** What a form or a query string can carry: text of any kind, blanks, numbers at the edges, repeats. */
const hostile = fc.constantFrom(
  '',
  '  ',
  '0',
  '-1',
  '1',
  '1.5',
  '1e3',
  '2147483647',
  '2147483648',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '0000-01',
  '0000-01-01',
  '2026-13-45',
  '2026-02-30',
  '<script>',
  "'; DROP TABLE x; --",
  'x'.repeat(5000),
  '{}',
  '[]',
  'null',
  'true',
)
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  hostile,
  fc.array(hostile, { minLength: 2, maxLength: 3 }),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
)

function inputFor(schema: z.ZodType) {
  const shape = objectShape(schema)
  if (!shape) return value
  return fc.record(Object.fromEntries(Object.keys(shape).map((k) => [k, value])), { requiredKeys: [] })
}

/** The keys of an object schema, also behind a refine or pipe; null for a schema of one value. */
function objectShape(schema: z.ZodType): Record<string, unknown> | null {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown>; in?: z.ZodType; schema?: z.ZodType } } })._zod.def
  if (def.type === 'object' && def.shape) return def.shape
  if (def.type === 'pipe' && def.in) return objectShape(def.in)
  return null
}

const schemas = schemasOf()

describe('every schema under arbitrary input', () => {
  it('finds the schemas of the modules', () => {
    expect(schemas.length).toBeGreaterThan(30)
    expect(schemas.map(([name]) => name)).toContain('registry/schemas.ts searchSchema')
  })
  it.each(schemas)('%s never throws and refuses only with a message key', (_name, schema) => {
    fc.assert(
      fc.property(inputFor(schema), (input) => {
        const result = schema.safeParse(input)
        if (!result.success)
          for (const issue of result.error.issues)
            expect(isMessageKey(issue.message), `${issue.message} for ${JSON.stringify(input)?.slice(0, 200)}`).toBe(true)
      }),
      { numRuns: 150 },
    )
  })
})
