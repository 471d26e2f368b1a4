import type { PrismaClient } from '@/lib/generated/prisma/client'

// Set-based inserts for large loads (the demo generator, imports): one statement per batch that
// unpacks a typed array per column, `INSERT … SELECT FROM unnest($1::int[], $2::text[], …)`.
// About five times faster here than createMany, which sends one parameter per value.

export type ColumnType = 'int' | 'text' | 'date' | 'bytea' | 'bool' | 'jsonb' | 'timestamptz' | `enum:${string}`

export interface BulkColumn {
  name: string
  type: ColumnType
}

function cast(type: ColumnType, index: number): string {
  if (type.startsWith('enum:')) return `$${index}::text[]::"${type.slice(5)}"[]`
  // Bytes travel as hex text: raw-query parameter types are inferred from the values, and an
  // array whose first element is null would otherwise be sent as something else.
  if (type === 'bytea') return `$${index}::text[]::bytea[]`
  return `$${index}::${type}[]`
}

function toParam(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (type === 'date') return value instanceof Date ? value.toISOString().slice(0, 10) : value
  if (type === 'timestamptz') return value instanceof Date ? value.toISOString() : value
  if (type === 'jsonb') return JSON.stringify(value)
  if (type === 'bytea') return `\\x${Buffer.from(value as Uint8Array).toString('hex')}`
  return value
}

/** Inserts `rows` (objects keyed by column name) into `table` in batches, inside `client`'s transaction if it is one. */
export async function bulkInsert(
  client: Pick<PrismaClient, '$executeRawUnsafe'>,
  table: string,
  columns: BulkColumn[],
  rows: Record<string, unknown>[],
  batchSize = 10_000,
): Promise<number> {
  const names = columns.map((c) => `"${c.name}"`).join(', ')
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${columns.map((c, i) => cast(c.type, i + 1)).join(', ')})`
  let inserted = 0
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize)
    const params = columns.map((c) => batch.map((row) => toParam(c.type, row[c.name])))
    inserted += await client.$executeRawUnsafe(sql, ...params)
  }
  return inserted
}
