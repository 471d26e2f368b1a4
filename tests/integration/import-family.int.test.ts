import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, staff } from './helpers'
import { makeCounty, uniqueIdNumber } from '@/tests/factories'
import { importCsv, type ImportRow } from '@/tests/factories/imports'
import { importRegister } from '@/lib/imports/service'

// The import links parents (issue 8): by the optional 母亲身份证号 / 父亲身份证号 columns, else a
// child of the head and spouse who are a man and a woman is theirs.

async function setting() {
  const tree = await makeCounty(db, '亲子')
  const township = tree.townships[0]
  const clerk = await staff('TOWNSHIP_STAFF', township)
  const village = tree.villages.find((v) => v.ancestorIds.includes(township.id))!
  return { ...tree, clerk, village }
}

function family(
  code: string,
  key: string,
  ids = { father: uniqueIdNumber('1985-03-02', 'MALE'), mother: uniqueIdNumber('1988-07-15', 'FEMALE') },
): ImportRow[] {
  return [
    {
      householdKey: key,
      regionCode: code,
      address: `幸福路 ${key} 号`,
      relation: '本人',
      name: '王建军',
      sex: '男',
      birthDate: '1985-03-02',
      ethnicity: '汉族',
      idNumber: ids.father,
      maritalStatus: '已婚',
    },
    { householdKey: key, relation: '配偶', name: '李秀兰', sex: '女', birthDate: '1988-07-15', ethnicity: '汉族', idNumber: ids.mother, maritalStatus: '已婚' },
    { householdKey: key, relation: '子女', name: '王小亮', sex: '男', birthDate: '2018-09-09', ethnicity: '汉族' },
    { householdKey: key, relation: '子女', name: '王小明', sex: '男', birthDate: '2015-09-09', ethnicity: '汉族' },
  ]
}

describe('import: family links', () => {
  it('links the children of a head and spouse and numbers them by birth date', async () => {
    const { clerk, village, county } = await setting()
    expect(await importRegister(ctxOf(clerk), importCsv(family(village.code, '1')), true)).toMatchObject({ committed: true, persons: 4 })
    const byName = async (name: string) => db.person.findFirstOrThrow({ where: { countyId: county.id, name } })
    const [father, mother] = [await byName('王建军'), await byName('李秀兰')]
    expect(await byName('王小明')).toMatchObject({ motherId: mother.id, fatherId: father.id, birthOrder: 1 })
    expect(await byName('王小亮')).toMatchObject({ motherId: mother.id, fatherId: father.id, birthOrder: 2 })
  })

  it('takes the parents the file names by ID number, in the file or in the register; refuses unknown or wrong-sex parents', async () => {
    const { clerk, village, county } = await setting()
    const grandmaId = uniqueIdNumber('1960-01-01', 'FEMALE')
    await importRegister(
      ctxOf(clerk),
      importCsv([
        {
          householdKey: 'g',
          regionCode: village.code,
          address: '东街 1 号',
          relation: '本人',
          name: '赵桂兰',
          sex: '女',
          birthDate: '1960-01-01',
          ethnicity: '汉族',
          idNumber: grandmaId,
        },
      ]),
      true,
    )
    const grandma = await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '赵桂兰' } })
    const head = {
      householdKey: 'h',
      regionCode: village.code,
      address: '东街 2 号',
      relation: '本人',
      name: '钱永福',
      sex: '男',
      birthDate: '1984-01-01',
      ethnicity: '汉族',
      idNumber: uniqueIdNumber('1984-01-01', 'MALE'),
      motherIdNumber: grandmaId,
    }
    const niece = { householdKey: 'h', relation: '其他', name: '钱小雨', sex: '女', birthDate: '2016-01-01', ethnicity: '汉族', fatherIdNumber: head.idNumber }
    expect(await importRegister(ctxOf(clerk), importCsv([head, niece]), true)).toMatchObject({ committed: true, persons: 2 })
    const headRow = await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '钱永福' } })
    expect(headRow).toMatchObject({ motherId: grandma.id, fatherId: null })
    expect(await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '钱小雨' } })).toMatchObject({ fatherId: headRow.id, motherId: null })

    const unknown = {
      ...niece,
      householdKey: 'u',
      regionCode: village.code,
      address: '东街 3 号',
      relation: '本人',
      name: '孙一',
      fatherIdNumber: uniqueIdNumber('1980-01-01', 'MALE'),
    }
    const wrongSex = {
      ...niece,
      householdKey: 'w',
      regionCode: village.code,
      address: '东街 4 号',
      relation: '本人',
      name: '孙二',
      motherIdNumber: head.idNumber,
      fatherIdNumber: '',
    }
    const result = await importRegister(ctxOf(clerk), importCsv([unknown, wrongSex]), false)
    expect(result.errors.map((e) => `${e.line}:${e.column}:${e.key}`)).toEqual([
      '2:fatherIdNumber:imports.errors.parentUnknown',
      '3:motherIdNumber:imports.errors.parentSex',
    ])
  })

  it('a child joining a registered family gets its registered parents, and the birth orders are recounted', async () => {
    const { clerk, village, county } = await setting()
    const rows = family(village.code, '1')
    await importRegister(ctxOf(clerk), importCsv(rows.slice(0, 3)), true)
    const eldest = { householdKey: '1', relation: '子女', name: '王大姐', sex: '女', birthDate: '2010-01-01', ethnicity: '汉族' }
    expect(await importRegister(ctxOf(clerk), importCsv([...rows.slice(0, 3), eldest]), true)).toMatchObject({ committed: true, joined: 1 })
    const mother = await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '李秀兰' } })
    expect(await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '王大姐' } })).toMatchObject({ motherId: mother.id, birthOrder: 1 })
    expect(await db.person.findFirstOrThrow({ where: { countyId: county.id, name: '王小亮' } })).toMatchObject({ motherId: mother.id, birthOrder: 2 })
  })
})
