import { randomInt } from 'node:crypto'
import { makeIdNumber } from '@/lib/registry/idcard'
// Factories shared by the tests and the demo generator (prisma/seed): one way to make a region or
// a user, so test data and demo data cannot drift apart.
import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { RegionLevel, Role } from '@/lib/access/roles'
import { hashPassword } from '@/lib/access/password'

type Client = Pick<PrismaClient, 'region' | 'user'>

export interface MadeRegion {
  id: number
  code: string
  name: string
  level: RegionLevel
  ancestorIds: number[]
}

export async function makeRegion(
  db: Client,
  input: { code: string; name: string; level: RegionLevel; parent?: MadeRegion | null; active?: boolean },
): Promise<MadeRegion> {
  const parent = input.parent ?? null
  return db.region.create({
    data: {
      code: input.code,
      name: input.name,
      level: input.level,
      parentId: parent?.id ?? null,
      ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [],
      active: input.active ?? true,
    },
    select: { id: true, code: true, name: true, level: true, ancestorIds: true },
  })
}

const hashCache = new Map<string, Promise<string>>()
/** Hashing is deliberately slow; tests and the demo reuse one hash per distinct password. */
export function cachedHash(password: string): Promise<string> {
  if (!hashCache.has(password)) hashCache.set(password, hashPassword(password))
  return hashCache.get(password)!
}

export async function makeUser(
  db: Client,
  input: { username: string; name?: string; role: Role; regionId: number; password: string; mustChangePassword?: boolean; active?: boolean },
) {
  return db.user.create({
    data: {
      username: input.username,
      name: input.name ?? input.username,
      role: input.role,
      regionId: input.regionId,
      passwordHash: await cachedHash(input.password),
      mustChangePassword: input.mustChangePassword ?? false,
      active: input.active ?? true,
    },
  })
}

/** The next free test county code: prefix 9 (no real province), counting up per database. */
async function nextTestCountyCode(db: Client): Promise<string> {
  const last = await db.region.findFirst({ where: { level: 'COUNTY', code: { startsWith: '9' } }, orderBy: { code: 'desc' }, select: { code: true } })
  let n = last ? Number(last.code.slice(0, 6)) + 1 : 900001
  if (n % 100 === 0) n += 1 // digits 5–6 (the county) must not be 00
  return String(n)
}

/**
 * A small county of its own for one test: county > 2 townships > 2 villages each > 1 group each,
 * with codes no other test in the same database uses.
 */
export async function makeCounty(db: Client, name = '测试') {
  const code6 = await nextTestCountyCode(db)
  const county = await makeRegion(db, { code: `${code6}000000`, name: `${name}县${code6}`, level: 'COUNTY' })
  const townships: MadeRegion[] = []
  const villages: MadeRegion[] = []
  const groups: MadeRegion[] = []
  for (const t of [1, 2]) {
    const township = await makeRegion(db, { code: `${code6}${100 + t}000`, name: `${name}镇${t}`, level: 'TOWNSHIP', parent: county })
    townships.push(township)
    for (const v of [1, 2]) {
      const village = await makeRegion(db, { code: `${code6}${100 + t}${200 + v}`, name: `${name}村${t}${v}`, level: 'VILLAGE', parent: township })
      villages.push(village)
      groups.push(await makeRegion(db, { code: `${village.code}001`, name: `${name}组${t}${v}`, level: 'GROUP', parent: village }))
    }
  }
  return { county, townships, villages, groups }
}

let userCounter = 0
export function uniqueUsername(prefix = 'u'): string {
  userCounter += 1
  return `${prefix}${process.pid}x${userCounter}x${Date.now() % 100000}`.slice(0, 32)
}

/** A person as the register forms send one; override what the test cares about. */
export function personInput(overrides: Partial<import('@/lib/registry/schemas').PersonInput> = {}): import('@/lib/registry/schemas').PersonInput {
  return {
    name: '张三',
    sex: 'MALE',
    birthDate: '1980-05-01',
    ethnicity: '01',
    residence: 'LOCAL',
    maritalStatus: 'MARRIED',
    ...overrides,
  }
}

/**
 * A valid ID number no other test will make: tests share a database per worker, and the
 * duplicate-ID quality rule rightly looks across counties. The region part is random.
 */
export function uniqueIdNumber(birthDate: string, sex: 'MALE' | 'FEMALE'): string {
  const region = String(randomInt(110000, 659999))
  return makeIdNumber(region, birthDate, randomInt(0, 1000), sex)
}
