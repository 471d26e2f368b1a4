import 'server-only'
import { db } from '@/lib/server/db'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import { regionScope, type Subject } from './permissions'
import { regionOptions } from '@/lib/regions/queries'
import { accountsWaiting } from './throttle'
import { ROLE_REGION_LEVELS, type RegionLevel, type Role } from './roles'

export interface UserRow {
  id: number
  username: string
  name: string
  role: Role
  active: boolean
  version: number
  locked: boolean
  mustChangePassword: boolean
  lastLoginAt: Date | null
  region: { id: number; name: string; code: string }
}

const userRowSelect = {
  id: true,
  username: true,
  name: true,
  role: true,
  active: true,
  version: true,
  mustChangePassword: true,
  lastLoginAt: true,
  region: { select: { id: true, name: true, code: true } },
} as const

/** Users of the subject's region and everything below it. */
export async function listUsers(subject: Subject, filter: { q: string; page: number }): Promise<Page<UserRow>> {
  const q = filter.q.trim()
  const where = {
    region: regionScope(subject),
    ...(q ? { OR: [{ username: { contains: q.toLowerCase() } }, { name: { contains: q } }, { region: { name: { contains: q } } }] } : {}),
  }
  const [rows, total] = await Promise.all([
    db.user.findMany({ where, select: userRowSelect, orderBy: [{ region: { code: 'asc' } }, { username: 'asc' }], ...pageArgs(filter.page) }),
    db.user.count({ where }),
  ])
  const waiting = await accountsWaiting(rows.map((r) => r.username))
  return toPage(
    rows.map((r) => ({ ...r, locked: waiting.has(r.username) })),
    total,
    filter.page,
  )
}

export async function getUser(subject: Subject, id: number): Promise<UserRow | null> {
  const row = await db.user.findFirst({ where: { id, region: regionScope(subject) }, select: userRowSelect })
  if (!row) return null
  return { ...row, locked: (await accountsWaiting([row.username])).has(row.username) }
}

export interface RegionOption {
  id: number
  name: string
  code: string
  level: RegionLevel
  /** the township the region lies in, for grouping long lists */
  townshipName: string | null
  /** what the searchable list matches (pinyin, the township's pinyin, the code) */
  keys: string[]
}

/** Active regions where the subject may place users: any level a role can belong to. */
export async function assignableRegions(subject: Subject): Promise<RegionOption[]> {
  const levels = [...new Set(Object.values(ROLE_REGION_LEVELS).flat())]
  const regions = await regionOptions(subject, { levels, activeOnly: true })
  return regions.map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    level: r.level,
    townshipName: r.level === 'VILLAGE' ? r.parentName : null,
    keys: r.keys,
  }))
}
