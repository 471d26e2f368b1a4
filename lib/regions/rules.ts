import type { RegionLevel } from '@/lib/access/roles'

// Statistical division codes (统计用区划代码) are 12 digits: province 2, prefecture 2, county 2,
// township 3, village 3. A county ends in 000000, a township in 000, and a child shares its
// parent's prefix. Village groups (村民小组) have no national code; this system gives them a
// 12-digit code inside their township's range (first 9 digits of the township) that must not end
// in 000, the same shape as a village code, so one region table serves all four levels.

export const CODE_PATTERN = /^\d{12}$/

const LEVEL_ORDER: RegionLevel[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE', 'GROUP']

export function childLevel(parent: RegionLevel): RegionLevel | null {
  return LEVEL_ORDER[LEVEL_ORDER.indexOf(parent) + 1] ?? null
}

export type CodeProblem = 'format' | 'countyShape' | 'townshipShape' | 'villageShape' | 'notUnderParent' | 'noChildLevel'

/** What is wrong with `code` for a region of `level` under a parent with `parentCode`. */
export function codeProblem(code: string, level: RegionLevel, parentCode: string | null): CodeProblem | null {
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
    case 'GROUP':
      if (code.endsWith('000')) return 'villageShape'
      if (parentCode !== null && code.slice(0, 9) !== parentCode.slice(0, 9)) return 'notUnderParent'
      return null
  }
}

/** Ancestor ids of a new child of `parent`. */
export function childAncestorIds(parent: { id: number; ancestorIds: readonly number[] }): number[] {
  return [...parent.ancestorIds, parent.id]
}
