import { pinyin } from 'pinyin-pro'

function syllables(text: string): string[] {
  return pinyin(text.trim(), { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
}

/**
 * What a region can be found by in a searchable list: its own pinyin initials and full pinyin
 * ("njz", "ningjinzhen" for 宁津镇), then the same prefixed by its township's (so "njz" also lists
 * 宁津镇's villages), and its division code.
 */
export function regionSearchKeys(name: string, code?: string, townshipName?: string | null): string[] {
  const own = syllables(name)
  const keys = [own.map((s) => s[0]).join(''), own.join('')]
  if (townshipName) {
    const parent = syllables(townshipName)
    keys.push(parent.map((s) => s[0]).join('') + keys[0], parent.join('') + keys[1])
  }
  if (code) keys.push(code)
  return keys
}

/**
 * Options for a searchable region list. Regions from regionOptions (./queries.ts) bring their keys;
 * otherwise they come from labels such as "宁津镇 / 东街村" or "东街村 一组": the last part is the
 * region's own name, the parts before it its township or village.
 */
export function regionComboboxOptions(
  regions: readonly { id: number; label: string; keys?: string[] }[],
  empty?: string,
): { value: string; label: string; keys: string[] }[] {
  const options = regions.map((r) => {
    if (r.keys) return { value: String(r.id), label: r.label, keys: r.keys }
    const parts = r.label.split(/\s*\/\s*|\s+/).filter(Boolean)
    const own = parts.pop() ?? r.label
    return { value: String(r.id), label: r.label, keys: regionSearchKeys(own, undefined, parts.join('') || null) }
  })
  return empty === undefined ? options : [{ value: '', label: empty, keys: [] }, ...options]
}
