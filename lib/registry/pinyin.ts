import { pinyin } from 'pinyin-pro'

/**
 * Search keys of a name: full pinyin without tones ("zhangsan") and initials ("zs"). The first
 * character is read as a surname, so 单 is "shan" and 曾 "zeng". Letters already in Latin script
 * are kept; other characters (the middle dot of minority names) are dropped.
 */
export function nameSearchKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name.trim(), { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean)
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') }
}

export type SearchTerm =
  | { kind: 'idNumber'; value: string }
  | { kind: 'idLast4'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'latin'; value: string }
  | { kind: 'text'; value: string }
  | { kind: 'empty' }

/** What the clerk typed into the one search box. */
export function classifySearch(input: string): SearchTerm {
  const q = input.trim().replace(/\s+/g, '')
  if (q === '') return { kind: 'empty' }
  if (/^\d{17}[\dXx]$/.test(q)) return { kind: 'idNumber', value: q.toUpperCase() }
  if (/^\d{3}[\dXx]$/.test(q)) return { kind: 'idLast4', value: q.toUpperCase() }
  if (/^\d{5,11}$/.test(q)) return { kind: 'phone', value: q }
  if (/^[a-zA-Z]+$/.test(q)) return { kind: 'latin', value: q.toLowerCase() }
  return { kind: 'text', value: input.trim() }
}
