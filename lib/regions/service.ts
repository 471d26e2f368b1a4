import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { Prisma } from '@/lib/generated/prisma/client'
import { db, type Tx } from '@/lib/server/db'
import { audit, auditDenied } from '@/lib/server/audit'
import { AppError, ConflictError, NotFoundError } from '@/lib/server/errors'
import { regionScope } from '@/lib/access/permissions'
import type { RegionLevel } from '@/lib/access/roles'
import type { MessageKey } from '@/lib/i18n/core'
import { ANY_CODE_PATTERN, CODE_PATTERN, childAncestorIds, childLevel, codeProblem, groupCode, parseGroupNumber, splitGroupCode } from './rules'
import { regionName } from './schemas'
import type { RegionCsvRow } from './csv'

/** Loads a region inside the subject's scope; outside it looks missing, and the attempt is audited. */
async function regionForChange(tx: Tx, ctx: ServiceContext, id: number) {
  const { actor, subject } = ctx
  const region = await tx.region.findFirst({ where: { id, ...regionScope(subject) } })
  if (!region) {
    if (await db.region.findUnique({ where: { id }, select: { id: true } })) {
      await auditDenied(actor, 'region.manage', { regionId: id })
    }
    throw new NotFoundError()
  }
  return region
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}

export async function createRegion(ctx: ServiceContext, input: { parentId: number; code: string; name: string }) {
  const { actor } = ctx
  try {
    return await db.$transaction(async (tx) => {
      const parent = await regionForChange(tx, ctx, input.parentId)
      if (!parent.active) throw new AppError('regions.errors.parentInactive')
      const level = childLevel(parent.level)
      if (!level) throw new AppError('regions.errors.noChildLevel')
      // Under a village, the group number alone is enough: 3 → the village's 12 digits and 003.
      const short = /^\d{1,3}$/.test(input.code)
      const number = short && level === 'GROUP' ? parseGroupNumber(input.code) : null
      if (short && number === null) {
        const key = level === 'GROUP' ? 'regions.errors.groupShape' : 'regions.errors.format'
        throw new AppError(key, undefined, { code: key })
      }
      const code = number !== null ? groupCode(parent.code, number) : input.code
      const problem = codeProblem(code, level, parent.code)
      if (problem) throw new AppError(`regions.errors.${problem}`, undefined, { code: `regions.errors.${problem}` })
      if (level === 'GROUP') {
        const taken = await tx.region.findUnique({ where: { code }, select: { name: true } })
        if (taken) {
          const params = { village: parent.name, number: splitGroupCode(code)!.number, name: taken.name }
          throw new AppError('regions.errors.groupNumberTaken', params, { code: 'regions.errors.groupNumberTaken' })
        }
      }
      const region = await tx.region.create({
        data: { code, name: input.name, level, parentId: parent.id, ancestorIds: childAncestorIds(parent) },
        select: { id: true, code: true, name: true, level: true, parentId: true },
      })
      await audit(tx, actor, { action: 'region.create', entity: 'Region', entityId: region.id, regionId: region.id, after: region })
      return region
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('regions.errors.duplicateCode', undefined, { code: 'regions.errors.duplicateCode' })
    throw error
  }
}

export async function renameRegion(ctx: ServiceContext, input: { id: number; version: number; name: string }) {
  const { actor } = ctx
  await db.$transaction(async (tx) => {
    const before = await regionForChange(tx, ctx, input.id)
    if (before.version !== input.version) throw new ConflictError()
    await tx.region.update({ where: { id: before.id }, data: { name: input.name, version: { increment: 1 } } })
    await audit(tx, actor, {
      action: 'region.rename',
      entity: 'Region',
      entityId: before.id,
      regionId: before.id,
      before: { name: before.name },
      after: { name: input.name },
    })
  })
}

/** Deactivating needs an empty region (no active sub-regions or users); reactivating an active parent. */
export async function setRegionActive(ctx: ServiceContext, input: { id: number; version: number; active: boolean }) {
  const { actor, subject } = ctx
  await db.$transaction(async (tx) => {
    const before = await regionForChange(tx, ctx, input.id)
    if (before.version !== input.version) throw new ConflictError()
    if (before.id === subject.regionId) throw new AppError('regions.errors.ownRegion')
    if (!input.active) {
      const [children, users] = await Promise.all([
        tx.region.count({ where: { parentId: before.id, active: true } }),
        tx.user.count({ where: { regionId: before.id, active: true } }),
      ])
      if (children > 0) throw new AppError('regions.errors.hasActiveChildren', { count: children })
      if (users > 0) throw new AppError('regions.errors.hasActiveUsers', { count: users })
    } else if (before.parentId !== null) {
      const parent = await tx.region.findUniqueOrThrow({ where: { id: before.parentId }, select: { active: true } })
      if (!parent.active) throw new AppError('regions.errors.parentInactive')
    }
    await tx.region.update({ where: { id: before.id }, data: { active: input.active, version: { increment: 1 } } })
    await audit(tx, actor, {
      action: input.active ? 'region.activate' : 'region.deactivate',
      entity: 'Region',
      entityId: before.id,
      regionId: before.id,
      before: { active: before.active },
      after: { active: input.active },
    })
  })
}

// ------------------------------------------------------------------ CSV import

export interface ImportRowError {
  line: number
  column: 'code' | 'name' | 'parentCode'
  value: string
  key: MessageKey
}

export interface ImportResult {
  rows: number
  errors: ImportRowError[]
  created: number
}

interface PlannedRow extends RegionCsvRow {
  level: RegionLevel
  depth: number
}

/**
 * Checks every row (code shape, duplicates, name, parent in the file or in the subject's scope,
 * level below the parent) and, only when `commit` is set and no row has an error, creates them
 * all in one transaction, parents before children. A file with any error writes nothing.
 */
export async function importRegions(ctx: ServiceContext, rows: RegionCsvRow[], commit: boolean): Promise<ImportResult> {
  const { actor, subject } = ctx
  const errors: ImportRowError[] = []
  const fail = (row: RegionCsvRow, column: ImportRowError['column'], key: MessageKey) =>
    errors.push({ line: row.line, column, value: (column === 'name' ? row.name : row[column]).slice(0, 60), key })

  const inFile = new Map<string, RegionCsvRow>()
  for (const row of rows) {
    if (!ANY_CODE_PATTERN.test(row.code)) fail(row, 'code', 'regions.errors.format')
    else if (inFile.has(row.code)) fail(row, 'code', 'regions.import.duplicateInFile')
    else inFile.set(row.code, row)
    const name = regionName.safeParse(row.name)
    if (!name.success) fail(row, 'name', name.error.issues[0].message as MessageKey)
    else row.name = name.data
    if (!CODE_PATTERN.test(row.parentCode)) fail(row, 'parentCode', 'regions.errors.format')
  }

  const codes = [...new Set(rows.flatMap((r) => [r.code, r.parentCode]).filter((c) => ANY_CODE_PATTERN.test(c)))]
  const existing = new Map(
    (await db.region.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, level: true, active: true, ancestorIds: true } })).map((r) => [
      r.code,
      r,
    ]),
  )
  const visible = new Set((await db.region.findMany({ where: { code: { in: codes }, ...regionScope(subject) }, select: { code: true } })).map((r) => r.code))

  // Resolve each row's level from its parent, which is either in the database or earlier in this
  // resolution (the file may list children before their parents).
  const planned = new Map<string, PlannedRow | null>()
  const resolving = new Set<string>()
  const plan = (row: RegionCsvRow): PlannedRow | null => {
    if (planned.has(row.code)) return planned.get(row.code)!
    if (resolving.has(row.code)) return null
    resolving.add(row.code)
    let result: PlannedRow | null = null
    const dbParent = existing.get(row.parentCode)
    const fileParent = inFile.get(row.parentCode)
    if (existing.has(row.code)) {
      fail(row, 'code', 'regions.errors.duplicateCode')
    } else if (dbParent) {
      if (!visible.has(dbParent.code)) fail(row, 'parentCode', 'regions.import.parentUnknown')
      else if (!dbParent.active) fail(row, 'parentCode', 'regions.errors.parentInactive')
      else result = withLevel(row, dbParent.level, 0)
    } else if (fileParent && fileParent !== row) {
      const parentPlan = plan(fileParent)
      if (parentPlan) result = withLevel(row, parentPlan.level, parentPlan.depth + 1)
      else fail(row, 'parentCode', 'regions.import.parentHasErrors')
    } else if (CODE_PATTERN.test(row.parentCode)) {
      fail(row, 'parentCode', 'regions.import.parentUnknown')
    }
    resolving.delete(row.code)
    planned.set(row.code, result)
    return result
  }
  const withLevel = (row: RegionCsvRow, parentLevel: RegionLevel, depth: number): PlannedRow | null => {
    const level = childLevel(parentLevel)
    if (!level) {
      fail(row, 'parentCode', 'regions.errors.noChildLevel')
      return null
    }
    const problem = codeProblem(row.code, level, row.parentCode)
    if (problem) {
      fail(row, 'code', `regions.errors.${problem}`)
      return null
    }
    return { ...row, level, depth }
  }
  for (const row of inFile.values()) plan(row)

  errors.sort((a, b) => a.line - b.line)
  if (errors.length > 0 || !commit) return { rows: rows.length, errors, created: 0 }

  const ordered = [...planned.values()].filter((r): r is PlannedRow => r !== null).sort((a, b) => a.depth - b.depth)
  try {
    await db.$transaction(
      async (tx) => {
        const known = new Map([...existing.values()].map((r) => [r.code, { id: r.id, ancestorIds: r.ancestorIds }]))
        for (let depth = 0; ordered.some((r) => r.depth === depth); depth++) {
          const batch = ordered.filter((r) => r.depth === depth)
          await tx.region.createMany({
            data: batch.map((r) => {
              const parent = known.get(r.parentCode)!
              return { code: r.code, name: r.name, level: r.level, parentId: parent.id, ancestorIds: childAncestorIds(parent) }
            }),
          })
          const created = await tx.region.findMany({ where: { code: { in: batch.map((r) => r.code) } }, select: { id: true, code: true, ancestorIds: true } })
          for (const r of created) known.set(r.code, { id: r.id, ancestorIds: r.ancestorIds })
        }
        await audit(tx, actor, {
          action: 'region.import',
          entity: 'Region',
          regionId: subject.regionId,
          after: { count: ordered.length, codes: ordered.map((r) => r.code) },
        })
      },
      { timeout: 60_000 },
    )
  } catch (error) {
    // Someone created one of these codes between the check and the commit.
    if (isUniqueViolation(error)) throw new AppError('regions.errors.duplicateCode')
    throw error
  }
  return { rows: rows.length, errors: [], created: ordered.length }
}
