import type { RegionLevel } from '@/lib/access/roles'

// Statistical division codes (统计用区划代码) are 12 digits: province 2, prefecture 2, county 2,
// township 3, village 3. A county ends in 000000, a township in 000, and a child shares its
// parent's prefix. Village groups (村民小组) have no national code; this system gives them a local
// 15-digit code: their village's 12 digits and a 3-digit group number from 001 to 999
// (371422101201003 is group 3 of village 371422101201). A group's code can never be mistaken for
// a village's, and it says which village it belongs to.

/** A county, township or village: the national 12 digits. */
export const CODE_PATTERN = /^\d{12}$/
/** A village group: its village's 12 digits and its 3-digit number. */
export const GROUP_CODE_PATTERN = /^\d{15}$/
/** Any region code: 12 digits, or 15 for a group. */
export const ANY_CODE_PATTERN = /^(\d{12}|\d{15})$/
export const MAX_GROUP_NUMBER = 999

/** The code of group `number` (1–999) of the village `villageCode`. */
export function groupCode(villageCode: string, number: number): string {
  if (!CODE_PATTERN.test(villageCode)) throw new Error(`not a village code: ${villageCode}`)
  if (!Number.isInteger(number) || number < 1 || number > MAX_GROUP_NUMBER) throw new Error(`group number out of range: ${number}`)
  return `${villageCode}${String(number).padStart(3, '0')}`
}

/** The village code and number of a group code, or null when `code` is not a group's. */
export function splitGroupCode(code: string): { villageCode: string; number: number } | null {
  if (!GROUP_CODE_PATTERN.test(code) || code.endsWith('000')) return null
  return { villageCode: code.slice(0, 12), number: Number(code.slice(12)) }
}

/** A clerk's group number ("3", "03", "003", "第3组"): 1–999, or null when it is not one. */
export function parseGroupNumber(value: string): number | null {
  const match = /^(?:第)?\s*0*(\d{1,3})\s*(?:组|小组|村民小组|居民小组)?$/.exec(value.normalize('NFKC').trim())
  if (!match) return null
  const number = Number(match[1])
  return number >= 1 && number <= MAX_GROUP_NUMBER ? number : null
}

/** The next free group number of a village whose groups have `taken` codes, or null when 999 are used. */
export function nextGroupNumber(villageCode: string, taken: readonly string[]): number | null {
  const used = new Set(
    taken
      .map((c) => splitGroupCode(c))
      .filter((g) => g?.villageCode === villageCode)
      .map((g) => g!.number),
  )
  for (let n = 1; n <= MAX_GROUP_NUMBER; n++) if (!used.has(n)) return n
  return null
}

const LEVEL_ORDER: RegionLevel[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE', 'GROUP']

export function childLevel(parent: RegionLevel): RegionLevel | null {
  return LEVEL_ORDER[LEVEL_ORDER.indexOf(parent) + 1] ?? null
}

export type CodeProblem = 'format' | 'countyShape' | 'townshipShape' | 'villageShape' | 'groupShape' | 'notUnderParent' | 'noChildLevel'

/** What is wrong with `code` for a region of `level` under a parent with `parentCode`. */
export function codeProblem(code: string, level: RegionLevel, parentCode: string | null): CodeProblem | null {
  if (level === 'GROUP') {
    if (CODE_PATTERN.test(code)) return 'groupShape'
    if (!GROUP_CODE_PATTERN.test(code)) return 'format'
    if (code.endsWith('000')) return 'groupShape'
    if (parentCode !== null && code.slice(0, 12) !== parentCode) return 'notUnderParent'
    return null
  }
  if (!CODE_PATTERN.test(code)) return 'format'
  switch (level) {
    case 'COUNTY':
      if (!code.endsWith('000000') || code.slice(4, 6) === '00') return 'countyShape'
      return null
    case 'TOWNSHIP':
      if (!code.endsWith('000') || code.slice(6, 9) === '000') return 'townshipShape'
      if (parentCode !== null && code.slice(0, 6) !== parentCode.slice(0, 6)) return 'notUnderParent'
      return null
    case 'VILLAGE':
      if (code.endsWith('000')) return 'villageShape'
      if (parentCode !== null && code.slice(0, 9) !== parentCode.slice(0, 9)) return 'notUnderParent'
      return null
  }
}

/** Ancestor ids of a new child of `parent`. */
export function childAncestorIds(parent: { id: number; ancestorIds: readonly number[] }): number[] {
  return [...parent.ancestorIds, parent.id]
}

/**
 * A county code as an administrator types it: its 6 digits (371422) or the 12-digit form
 * (371422000000). Returns the 6 digits, or the problem.
 */
/**
 * Whether a county may still be set up from the national list: only its own county, and only while
 * it has no townships (afterwards corrections go through the CSV import or the forms). Decides both
 * the refusal and whether the regions page offers the button.
 */
export function countySetupOpen(county: { level: string; id: number; childCount: number }, ownRegionId: number): boolean {
  return county.level === 'COUNTY' && county.id === ownRegionId && county.childCount === 0
}

export function parseCountyCode(value: string): { ok: true; code6: string } | { ok: false; problem: 'format' | 'countyShape' } {
  const text = value.normalize('NFKC').replace(/\s/g, '')
  if (!/^(\d{6}|\d{12})$/.test(text)) return { ok: false, problem: 'format' }
  const code6 = text.slice(0, 6)
  if (code6.slice(4, 6) === '00' || code6.slice(2, 4) === '00' || (text.length === 12 && !text.endsWith('000000'))) return { ok: false, problem: 'countyShape' }
  return { ok: true, code6 }
}
