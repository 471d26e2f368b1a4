import 'server-only'
import { db } from '@/lib/server/db'
import { regionScope, type Subject } from '@/lib/access/permissions'
import type { RegionLevel } from '@/lib/access/roles'
import { pageArgs, toPage, type Page } from '@/lib/pagination'
import { regionsWithin } from './lookups'
import { regionSearchKeys } from './search-keys'

export interface RegionNode {
  id: number
  code: string
  name: string
  level: RegionLevel
  active: boolean
  /** a village-level unit: urban community (true) or rural village */
  urban: boolean
  version: number
  childCount: number
}

export interface RegionView {
  region: RegionNode
  /** ancestors the subject may see, from the subject's own region down to the parent */
  trail: { id: number; name: string }[]
  children: Page<RegionNode>
}

const nodeSelect = {
  id: true,
  code: true,
  name: true,
  level: true,
  active: true,
  urban: true,
  version: true,
  ancestorIds: true,
  _count: { select: { children: true } },
} as const

/** A region in the subject's scope with its children (paged), or null. Defaults to their own region. */
export async function regionView(subject: Subject, id: number | undefined, page: number): Promise<RegionView | null> {
  const region = await db.region.findFirst({ where: { id: id ?? subject.regionId, ...regionScope(subject) }, select: nodeSelect })
  if (!region) return null
  const visibleAncestorIds = region.ancestorIds.slice(region.ancestorIds.indexOf(subject.regionId))
  const where = { parentId: region.id }
  const [ancestors, children, total] = await Promise.all([
    region.id === subject.regionId
      ? []
      : db.region.findMany({ where: { id: { in: visibleAncestorIds } }, select: { id: true, name: true, ancestorIds: true } }),
    db.region.findMany({ where, select: nodeSelect, orderBy: { code: 'asc' }, ...pageArgs(page) }),
    db.region.count({ where }),
  ])
  const toNode = ({ _count, ancestorIds: _ancestors, ...r }: typeof region): RegionNode => ({ ...r, childCount: _count.children })
  return {
    region: toNode(region),
    trail: ancestors.sort((a, b) => a.ancestorIds.length - b.ancestorIds.length).map(({ id, name }) => ({ id, name })),
    children: toPage(children.map(toNode), total, page),
  }
}

/** A region a user may choose in a filter or a form, with what the searchable list (Combobox) matches. */
export interface RegionOption {
  id: number
  code: string
  name: string
  level: RegionLevel
  /** the region it lies in: a township's county, a village's township, a group's village */
  parentName: string | null
  /** pinyin initials and full pinyin, also prefixed by the parent's for villages and groups, and the code */
  keys: string[]
}

// Region names change rarely and pinyin is the costly part: keys are kept per name, parent and code.
const keyCache = new Map<string, string[]>()
function keysOf(name: string, code: string, parentName: string | null): string[] {
  const key = `${name}\u0000${code}\u0000${parentName ?? ''}`
  let keys = keyCache.get(key)
  if (!keys) {
    if (keyCache.size > 50_000) keyCache.clear()
    keyCache.set(key, (keys = regionSearchKeys(name, code, parentName)))
  }
  return keys
}

/**
 * The regions a user may choose in a filter or form: their own region and those below it, of the
 * given levels (active ones only with `activeOnly`), in division-code order. `take` stops early
 * (the first village, say).
 */
export async function regionOptions(
  subject: Subject,
  options: { levels: readonly RegionLevel[]; activeOnly?: boolean; take?: number },
): Promise<RegionOption[]> {
  const rows = await regionsWithin(db, subject.regionId, options)
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    parentName: r.parentName,
    keys: keysOf(r.name, r.code, r.level === 'VILLAGE' || r.level === 'GROUP' ? r.parentName : null),
  }))
}
