import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The regions module owns the Region table (DESIGN.md §4): other modules, pages, route handlers and
 * scripts read regions through lib/regions/lookups.ts and regionOptions (lib/regions/queries.ts),
 * never with their own query. Reaching a household's or a user's region through a relation of the
 * caller's own table (`include: { region: … }`) is reading that table, not this one, and is fine.
 * The demo generator (prisma/seed) and the tests make regions directly.
 */
const root = path.resolve(import.meta.dirname, '../..')
const SKIP_DIRS = new Set(['node_modules', 'generated', 'tests', 'test-results', 'playwright-report', 'coverage', 'migrations'])
const ALLOWED = [path.join(root, 'lib/regions') + path.sep, path.join(root, 'prisma/seed') + path.sep]

/** A Prisma call on the region delegate (`db.region.findMany(`, `tx.region.update(`), or SQL naming the table. */
const DIRECT = /\bregion\s*\.\s*(?:find\w*|count|aggregate|groupBy|create\w*|update\w*|upsert|delete\w*)\s*\(|"Region"/g

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) return []
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !/\.config\./.test(entry.name) ? [full] : []
  })
}

function directQueries(text: string): string[] {
  return [...text.matchAll(DIRECT)].map((m) => `${text.slice(0, m.index).split('\n').length}: ${m[0].replace(/\s+/g, ' ')}`)
}

describe('the Region table belongs to lib/regions', () => {
  it('is queried by no file outside lib/regions, the demo generator and the tests', () => {
    const files = sourceFiles(root).filter((f) => !ALLOWED.some((dir) => f.startsWith(dir)))
    expect(files.length).toBeGreaterThan(100) // the scan really reads the tree
    const wrong = files.flatMap((file) => directQueries(fs.readFileSync(file, 'utf8')).map((hit) => `${path.relative(root, file)}:${hit}`))
    expect(wrong, 'read regions through lib/regions/lookups.ts or regionOptions (lib/regions/queries.ts)').toEqual([])
  })

  it('notices a direct query, and not a relation of another table', () => {
    expect(directQueries(`const r = await db.region.findMany({ where: { level: 'COUNTY' } })`)).toHaveLength(1)
    expect(directQueries(`await tx.region\n  .findUniqueOrThrow({ where: { id } })`)).toEqual(['1: region .findUniqueOrThrow('])
    expect(directQueries('await tx.$queryRawUnsafe(`SELECT id FROM "Region" WHERE id = $1 FOR UPDATE`, id)')).toHaveLength(1)
    expect(directQueries(`const name = user.region.name; include: { region: { select: { name: true } } }`)).toEqual([])
    expect(directQueries(`entity: 'Region'`)).toEqual([])
  })
})
