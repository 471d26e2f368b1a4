// The shape of the generated national division files (scripts/regions-generate.ts writes them,
// lib/regions/division.ts reads them). Pure: no database, no file access.

/** Where the generated files live, relative to the project folder. */
export const DIVISION_DATA_DIR = 'lib/regions/division-data'
export const DIVISION_FORMAT = 1

/**
 * A village: its digits 10–12 followed by its name as the list has it, with the committee word
 * that ends most names written as a marker (see VILLAGE_SUFFIXES): "001安业社区|2" is 001 安业社区居民委员会.
 * This keeps all provinces at about 12 MB instead of 19.
 */
export type DivisionVillage = string
/** [township digits 7–9, name, villages] */
export type DivisionTownship = [string, string, DivisionVillage[]]
/** [county digits 5–6, name, townships] */
export type DivisionCounty = [string, string, DivisionTownship[]]
/** [prefecture digits 3–4, name, counties] */
export type DivisionPrefecture = [string, string, DivisionCounty[]]

export interface DivisionSource {
  /** the npm package the file was generated from */
  package: string
  version: string
  /** the list's reference date (截止时间) */
  listDate: string
}

export interface DivisionProvinceFile {
  format: number
  source: DivisionSource
  /** 2 digits */
  code: string
  name: string
  prefectures: DivisionPrefecture[]
}

export interface DivisionVillageEntry {
  code: string
  /** the name as the list has it, e.g. 安业社区居民委员会 */
  officialName: string
  /** the name the register shows, e.g. 安业社区 (see shortVillageName) */
  name: string
  urban: boolean
}

export interface DivisionTownshipEntry {
  code: string
  name: string
  villages: DivisionVillageEntry[]
}

/** One county of the list, with full 12-digit codes. */
export interface DivisionCountyEntry {
  /** 12 digits, ending in 000000 */
  code: string
  name: string
  province: string
  prefecture: string
  townships: DivisionTownshipEntry[]
  source: DivisionSource
}

/** The committee words the markers |0 … |3 stand for at the end of a village's name. */
export const VILLAGE_SUFFIXES = ['村民委员会', '村委会', '居民委员会', '居委会'] as const

export function encodeVillage(digits: string, official: string): DivisionVillage {
  if (!/^\d{3}$/.test(digits) || official.includes('|')) throw new Error(`cannot encode village ${digits} ${official}`)
  const index = VILLAGE_SUFFIXES.findIndex((suffix) => official.endsWith(suffix) && official.length > suffix.length)
  return index < 0 ? `${digits}${official}` : `${digits}${official.slice(0, -VILLAGE_SUFFIXES[index].length)}|${index}`
}

export function decodeVillage(village: DivisionVillage): { digits: string; official: string } {
  const marker = /\|([0-3])$/.exec(village)
  const name = marker ? `${village.slice(3, marker.index)}${VILLAGE_SUFFIXES[Number(marker[1])]}` : village.slice(3)
  return { digits: village.slice(0, 3), official: name }
}

const COMMITTEE = /(村民委员会|村委会|居民委员会|居委会)$/

/**
 * The register's name of a village-level unit: the list names the committee (村民委员会, 村委会,
 * 居民委员会, 居委会); the register names the place. 魏庄村村委会 → 魏庄村, 时庄村委会 → 时庄村,
 * 安业社区居民委员会 → 安业社区, 苏陈村 → 苏陈村. A residents' committee whose name has no 社区 keeps
 * its full name (东风居委会), since "东风" alone names no place.
 */
export function shortVillageName(official: string): string {
  const name = official.trim()
  const match = COMMITTEE.exec(name)
  if (!match) return name
  const stem = name.slice(0, match.index)
  if (stem === '') return name
  if (match[1].startsWith('村')) return stem.endsWith('村') ? stem : `${stem}村`
  return stem.endsWith('社区') ? stem : name
}

/**
 * Urban (城镇) or rural (乡村). The national list's urban-rural code (城乡分类代码) is not in the
 * package, so the name decides: residents' committees and communities are urban, villages rural.
 */
export function isUrbanVillage(official: string): boolean {
  const name = official.trim()
  if (/(村民委员会|村委会)$/.test(name)) return false
  return /(居民委员会|居委会|社区)$/.test(name) || /社区/.test(name)
}

/** The county of a province file with full codes, or null when the file has no such county. */
export function countyFromFile(file: DivisionProvinceFile, code6: string): DivisionCountyEntry | null {
  if (!/^\d{6}$/.test(code6) || code6.slice(0, 2) !== file.code) return null
  const prefecture = file.prefectures.find(([p]) => p === code6.slice(2, 4))
  const county = prefecture?.[2].find(([c]) => c === code6.slice(4, 6))
  if (!prefecture || !county) return null
  return {
    code: `${code6}000000`,
    name: county[1],
    province: file.name,
    prefecture: prefecture[1],
    source: file.source,
    townships: county[2].map(([t, name, villages]) => ({
      code: `${code6}${t}000`,
      name,
      villages: villages.map((village) => {
        const { digits, official } = decodeVillage(village)
        return { code: `${code6}${t}${digits}`, officialName: official, name: shortVillageName(official), urban: isUrbanVillage(official) }
      }),
    })),
  }
}
