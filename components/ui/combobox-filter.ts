// Pure filtering for the Combobox: no React, no pinyin dictionary (the keys are computed on the
// server, so the browser does not download pinyin-pro).

export interface ComboboxOption {
  value: string
  label: string
  /** lower-case search keys, the option's own first: pinyin initials, full pinyin, code … */
  keys?: string[]
}

export function normaliseQuery(query: string): string {
  return query.toLowerCase().replace(/[\s/'’·]+/g, '')
}

/**
 * The options that match what was typed, best first: a label that contains the text, or a key
 * that starts with it (so "njz" finds 宁津镇 and, through "<township><village>" keys, its
 * villages). Ties keep the given order.
 */
export function filterOptions<T extends ComboboxOption>(options: readonly T[], query: string): T[] {
  const q = normaliseQuery(query)
  if (q === '') return [...options]
  const ranked: { option: T; rank: number; index: number }[] = []
  options.forEach((option, index) => {
    const label = normaliseQuery(option.label)
    let rank = label.startsWith(q) ? 0 : -1
    const keys = option.keys ?? []
    for (let i = 0; rank < 0 && i < keys.length; i++) if (keys[i].startsWith(q)) rank = i + 1
    if (rank < 0 && label.includes(q)) rank = keys.length + 1
    if (rank >= 0) ranked.push({ option, rank, index })
  })
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.option)
}
