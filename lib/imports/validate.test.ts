import { describe, expect, it } from 'vitest'
import { makeIdNumber } from '@/lib/registry/idcard'
import { choiceCode, columnOfHeader, normaliseDate } from './columns'
import { readCsv, readSheet } from './sheet'
import { dateText, validateRows } from './validate'
import type { SheetRow } from './sheet'

const HEADER = '户编号(文件内),村(组)区划代码,住址,与户主关系,姓名,性别,出生日期,民族,身份证号,联系电话,居住状态,婚姻状况,文化程度,职业'
const HEAD_ID = makeIdNumber('371422', '1985-03-02', 11, 'MALE')
const WIFE_ID = makeIdNumber('371422', '1988-07-15', 12, 'FEMALE')

function csvRows(...lines: string[]): SheetRow[] {
  const read = readCsv([HEADER, ...lines].join('\n'))
  if (!read.ok) throw new Error(read.error)
  return read.rows
}

describe('header mapping', () => {
  it('reads the template headers, English ones and loose spellings', () => {
    expect(columnOfHeader('村(组)区划代码')).toBe('regionCode')
    expect(columnOfHeader('村（组）区划代码 ')).toBe('regionCode')
    expect(columnOfHeader('*姓名')).toBe('name')
    expect(columnOfHeader('ID number')).toBe('idNumber')
    expect(columnOfHeader('公民身份号码')).toBe('idNumber')
    expect(columnOfHeader('备注')).toBeUndefined()
  })

  it('refuses a file without the required columns and names them', () => {
    expect(readCsv('姓名,性别\n张三,男')).toMatchObject({
      ok: false,
      error: 'imports.errors.badHeader',
      params: { missing: expect.stringContaining('户编号(文件内)') },
    })
    expect(readCsv(`${HEADER},姓名\n`)).toMatchObject({ ok: false, error: 'imports.errors.duplicateHeader', params: { column: '姓名' } })
  })

  it('refuses empty files, header-only files, binary files and old Excel files', async () => {
    expect(await readSheet(new Uint8Array())).toMatchObject({ ok: false, error: 'imports.errors.empty' })
    expect(await readSheet(new TextEncoder().encode(`${HEADER}\n\n`))).toMatchObject({ ok: false, error: 'imports.errors.empty' })
    expect(await readSheet(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toMatchObject({ ok: false, error: 'imports.errors.notSpreadsheet' })
    expect(await readSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toMatchObject({ ok: false, error: 'imports.errors.oldExcel' })
    expect(await readSheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ ok: false, error: 'imports.errors.notSpreadsheet' })
  })

  it('reads a GB18030 CSV as Excel on Chinese Windows writes it', async () => {
    // "姓名" in GB18030 is D0 D5 C3 FB: decoded, the name column is found and not reported missing
    const gbk = new Uint8Array([...new TextEncoder().encode('a,'), 0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0x31, 0x2c, 0x32])
    const read = await readSheet(gbk)
    expect(read).toMatchObject({ ok: false, error: 'imports.errors.badHeader' })
    const missing = String(!read.ok && read.params?.missing)
    expect(missing).toContain('户编号(文件内)')
    expect(missing).not.toContain('姓名')
  })
})

describe('value mapping', () => {
  it('maps the labels clerks type to register codes', () => {
    expect(choiceCode('sex', '男')).toBe('MALE')
    expect(choiceCode('sex', ' 女 ')).toBe('FEMALE')
    expect(choiceCode('relation', '本人')).toBe('SELF')
    expect(choiceCode('relation', '本人(户主)')).toBe('SELF')
    expect(choiceCode('relation', '儿子')).toBe('CHILD')
    expect(choiceCode('maritalStatus', '已婚')).toBe('MARRIED')
    expect(choiceCode('maritalStatus', '有配偶')).toBe('MARRIED')
    expect(choiceCode('ethnicity', '汉族')).toBe('01')
    expect(choiceCode('ethnicity', '回')).toBe('03')
    expect(choiceCode('ethnicity', '01')).toBe('01')
    expect(choiceCode('residence', '流出')).toBe('OUTFLOW')
    expect(choiceCode('education', '中专/职高')).toBe('VOCATIONAL')
    expect(choiceCode('education', '大学本科')).toBe('BACHELOR')
    expect(choiceCode('sex', '未知')).toBeUndefined()
  })

  it('normalises the date spellings of clerks and spreadsheet date cells', () => {
    expect(normaliseDate('1985/3/2')).toBe('1985-03-02')
    expect(normaliseDate('1985.03.02')).toBe('1985-03-02')
    expect(normaliseDate('1985年3月2日')).toBe('1985-03-02')
    expect(normaliseDate('19850302')).toBe('1985-03-02')
    expect(normaliseDate('3/2/1985')).toBe('3/2/1985')
    expect(dateText(new Date(Date.UTC(1985, 2, 2)))).toBe('1985-03-02')
    expect(dateText(19850302)).toBe('1985-03-02')
    expect(dateText(31108)).toBe('1985-03-02') // Excel's day count
  })
})

describe('village groups in the file', () => {
  const GROUP_HEADER = '户编号,村(组)区划代码,村民小组,住址,与户主关系,姓名,性别,出生日期,民族'
  const rows = (...lines: string[]) => {
    const read = readCsv([GROUP_HEADER, ...lines].join('\n'))
    if (!read.ok) throw new Error(read.error)
    return read.rows
  }
  it('reads the group column by its headers', () => {
    for (const h of ['村民小组', '组号', '组', '村民小组(组号或名称)', 'Village group (number or name)']) expect(columnOfHeader(h), h).toBe('group')
  })
  it('keeps a group by number or name with the village code, and a 15-digit group code alone', () => {
    const { households, errors } = validateRows(
      rows(
        '1,371422101202,3,东街 1 号,本人,王一,男,1980-01-01,汉族',
        '2,371422101202,第二村民小组,东街 2 号,本人,王二,男,1981-01-01,汉族',
        '3,371422101202001,,东街 3 号,本人,王三,男,1982-01-01,汉族',
      ),
    )
    expect(errors).toEqual([])
    expect(households.map((h) => [h.regionCode, h.group])).toEqual([
      ['371422101202', '3'],
      ['371422101202', '第二村民小组'],
      ['371422101202001', undefined],
    ])
  })
  it('wants one group per household', () => {
    const { errors } = validateRows(rows('1,371422101202,3,东街 1 号,本人,王一,男,1980-01-01,汉族', '1,,4,,配偶,李一,女,1981-01-01,汉族'))
    expect(errors.map((e) => `${e.line}:${e.column}:${e.key}`)).toEqual(['3:group:imports.errors.householdMismatch'])
  })
})

describe('row and household rules', () => {
  it('accepts a correct household and groups rows by the household key', () => {
    const { households, errors } = validateRows(
      csvRows(
        `1,371422100201,幸福路 8 号,本人,王建军,男,1985-03-02,汉族,${HEAD_ID},13800138000,本地,已婚,初中,农民`,
        `1,,,配偶,李秀兰,女,1988/7/15,汉族,${WIFE_ID},,,已婚,高中,`,
        `2,371422100201,幸福路 9 号,本人,赵文华,男,1992-11-20,回族,,,流入,未婚,,`,
      ),
    )
    expect(errors).toEqual([])
    expect(households).toHaveLength(2)
    expect(households[0]).toMatchObject({ regionCode: '371422100201', address: '幸福路 8 号', type: 'FAMILY' })
    expect(households[0].members.map((m) => m.person)).toMatchObject([
      { name: '王建军', sex: 'MALE', relation: 'SELF', ethnicity: '01', idNumber: HEAD_ID, maritalStatus: 'MARRIED', education: 'JUNIOR' },
      { name: '李秀兰', sex: 'FEMALE', relation: 'SPOUSE', birthDate: '1988-07-15' },
    ])
    expect(households[1].members[0].person).toMatchObject({ residence: 'INFLOW', ethnicity: '03' })
  })

  it('lists every bad cell by row and column with a message key', () => {
    const { errors } = validateRows(
      csvRows(
        `1,371422100201,幸福路 8 号,本人,王建军,男,1985-02-30,汉族,${HEAD_ID.slice(0, 17)}0,12345,本地,已婚,,`,
        `1,,,配偶,<script>x</script>,不详,1988-07-15,火星族,,,,,博士后,`,
        `2,3714221002,幸福路 9 号,本人,${'长'.repeat(60)},女,2099-01-01,汉族,${WIFE_ID},,,,,`,
      ),
    )
    const found = errors.map((e) => `${e.line}:${e.column}:${e.key}`)
    expect(found).toEqual(
      expect.arrayContaining([
        '2:birthDate:errors.invalidDate',
        '2:idNumber:registry.id.checkDigit',
        '2:phone:registry.errors.phone',
        '3:name:errors.nameCharacters',
        '3:sex:imports.errors.unknownValue',
        '3:ethnicity:imports.errors.unknownValue',
        '3:education:imports.errors.unknownValue',
        '4:regionCode:regions.errors.format',
        '4:name:errors.tooLong',
        '4:birthDate:registry.errors.dateInFuture',
      ]),
    )
    expect(errors.find((e) => e.column === 'sex')).toMatchObject({ params: { value: '不详', allowed: '男、女' } })
    // one message per cell, sorted by row
    expect(new Set(found).size).toBe(found.length)
    expect(errors.map((e) => e.line)).toEqual([...errors.map((e) => e.line)].sort((a, b) => a - b))
  })

  it('checks the ID number agrees with birth date and sex, and flags IDs Excel turned into numbers', () => {
    const rows = csvRows(`1,371422100201,幸福路 8 号,本人,王建军,女,1985-03-03,汉族,${HEAD_ID},,,,,`)
    expect(validateRows(rows).errors.map((e) => `${e.column}:${e.key}`)).toEqual(['birthDate:registry.id.birthDateMismatch'])
    rows[0].cells.idNumber = 371422198503020000
    rows[0].cells.birthDate = '1985-03-02'
    rows[0].cells.sex = '男'
    expect(validateRows(rows).errors.map((e) => `${e.column}:${e.key}`)).toEqual(['idNumber:imports.errors.idAsNumber'])
  })

  it('needs exactly one head per household and the same place on every row', () => {
    const { errors } = validateRows(
      csvRows(
        '1,371422100201,幸福路 8 号,配偶,李秀兰,女,1988-07-15,汉族,,,,,,',
        '2,371422100201,幸福路 9 号,本人,王一,男,1980-01-01,汉族,,,,,,',
        '2,371422100202,幸福路 9 号,本人,王二,男,1981-01-01,汉族,,,,,,',
        '3,,,本人,王三,男,1982-01-01,汉族,,,,,,',
      ),
    )
    expect(errors.map((e) => `${e.line}:${e.column}:${e.key}`)).toEqual([
      '2:relation:imports.errors.noHead',
      '3:relation:imports.errors.twoHeads',
      '4:regionCode:imports.errors.householdMismatch',
      '5:regionCode:errors.required',
      '5:address:errors.required',
    ])
  })

  it('finds duplicates inside the file: the same ID number, or the same person without one', () => {
    const { errors } = validateRows(
      csvRows(
        `1,371422100201,幸福路 8 号,本人,王建军,男,1985-03-02,汉族,${HEAD_ID},,,,,`,
        `2,371422100201,幸福路 9 号,本人,王建军,男,1985-03-02,汉族,${HEAD_ID.toLowerCase()},,,,,`,
        '3,371422100201,东街 1 号,本人,王小明,男,2015-09-09,汉族,,,,,,',
        '4,371422100201,东街 1 号,本人,王小明,男,2015-09-09,汉族,,,,,,',
        '5,371422100201,东街 2 号,本人,王小明,男,2015-09-09,汉族,,,,,,',
      ),
    )
    expect(errors).toMatchObject([
      { line: 3, column: 'idNumber', key: 'imports.errors.duplicateIdInFile', params: { line: 2 } },
      { line: 5, column: 'name', key: 'imports.errors.duplicatePersonInFile', params: { line: 4 } },
    ])
  })
})
