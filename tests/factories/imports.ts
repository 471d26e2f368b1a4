// Import files for tests and the benchmark: rows as a clerk fills in the template.
import { COLUMNS, HEADER_ZH, type Column } from '@/lib/imports/columns'
import { makeIdNumber } from '@/lib/registry/idcard'

export type ImportRow = Partial<Record<Column, string>>

/** A UTF-8 CSV (with BOM, as Excel writes it) with the template's Chinese headers. */
export function importCsv(rows: ImportRow[]): Uint8Array {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  const lines = [COLUMNS.map((c) => HEADER_ZH[c]).join(','), ...rows.map((r) => COLUMNS.map((c) => quote(r[c] ?? '')).join(','))]
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n'))
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国'

function day(offset: number): string {
  return new Date(Date.UTC(1940, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
}

/** The rows of the file: households of a head, a spouse and 0–3 children, in the given villages. */
export function generateRows(count: number, villageCodes: string[], firstSequence = 0): Record<Column, string>[] {
  const rows: Record<Column, string>[] = []
  let n = 0
  let household = 0
  // adults are born 1940–1983 and children 1984–2008; day and sequence (i split by the length of
  // the range) together make every ID number of the file distinct
  const person = (i: number, sex: 'MALE' | 'FEMALE', adult: boolean, withId: boolean) => {
    const range = adult ? 16_000 : 9_000
    const birthDate = day((adult ? 0 : 16_000) + (i % range))
    const idNumber = withId ? makeIdNumber('371422', birthDate, firstSequence + Math.floor(i / range), sex) : ''
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13 + 5) % GIVEN.length]
    return { name, sex: sex === 'MALE' ? '男' : '女', birthDate, idNumber }
  }
  while (n < count) {
    household++
    const size = Math.min(count - n, 2 + (household % 4))
    const village = villageCodes[household % villageCodes.length]
    const base = {
      householdKey: String(household),
      regionCode: village,
      group: '',
      address: `幸福路 ${household} 号`,
      householdType: '家庭户',
      ethnicity: '汉族',
      phone: '',
      residence: '本地',
      migrationPlace: '',
      migrationSince: '',
      education: '初中',
      occupation: '农民',
      hukouText: '',
      hukouCode: '',
      motherIdNumber: '',
      fatherIdNumber: '',
    }
    for (let k = 0; k < size; k++) {
      const i = n + k
      const p = k < 2 ? person(i, k === 0 ? 'MALE' : 'FEMALE', true, true) : person(i, k % 2 ? 'MALE' : 'FEMALE', false, k !== 3 || household % 3 !== 0)
      rows.push({
        ...base,
        ...(k === 0 ? {} : { regionCode: '', group: '', address: '', householdType: '' }),
        relation: k === 0 ? '本人' : k === 1 ? '配偶' : '子女',
        ...p,
        phone: k === 0 ? `138${String(i).padStart(8, '0')}` : '',
        maritalStatus: k < 2 ? '已婚' : '未婚',
      })
    }
    n += size
  }
  return rows
}
