import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, staff } from './helpers'
import { makeCounty, personInput, uniqueIdNumber } from '@/tests/factories'
import { importCsv, type ImportRow } from '@/tests/factories/imports'
import { makeHousehold } from '@/tests/factories/registry'
import { seededRandom } from '@/tests/factories/random'
import { importRegister } from '@/lib/imports/service'
import { runImport } from '@/lib/imports/engine'
import { readSheet } from '@/lib/imports/sheet'
import type { Tx } from '@/lib/server/db'
import { createHousehold } from '@/lib/registry/service'
import { getPerson, searchPersons } from '@/lib/registry/queries'
import { decryptIdNumber } from '@/lib/registry/crypto'
import { searchSchema } from '@/lib/registry/schemas'
import { toIso, todayIso } from '@/lib/dates'
import { buildResidents } from '@/prisma/seed/residents'
import type { HouseholdInput } from '@/lib/registry/schemas'

// The register's one bulk writer (lib/registry/bulk.ts) behind the import, the demo generator and
// the test factories: what it writes reads like what the form writes, and the import's save runs
// the same quality checks as the form's (decision 0003: every register write).

type Member = HouseholdInput['members'][number]

/** Households as the form sends them; the import file carries the same facts. */
function households(ids: { father: string; mother: string; neighbour: string }): { address: string; members: Member[] }[] {
  return [
    {
      // the mother was 12 when her son was born: motherAge
      address: '幸福路 8 号',
      members: [
        { ...personInput({ name: '王建军', sex: 'MALE', birthDate: '1985-03-02', idNumber: ids.father }), relation: 'SELF' },
        { ...personInput({ name: '李秀兰', sex: 'FEMALE', birthDate: '1990-07-15', idNumber: ids.mother }), relation: 'SPOUSE' },
        { ...personInput({ name: '王小明', sex: 'MALE', birthDate: '2002-09-09', maritalStatus: 'SINGLE' }), relation: 'CHILD' },
      ],
    },
    {
      // the same name and birth date twice in the village, without an ID number: likelyDuplicate
      address: '幸福路 9 号',
      members: [
        { ...personInput({ name: '赵大海', birthDate: '1960-01-20', idNumber: ids.neighbour }), relation: 'SELF' },
        { ...personInput({ name: '赵桂英', sex: 'FEMALE', birthDate: '1936-04-04', maritalStatus: 'WIDOWED' }), relation: 'PARENT' },
      ],
    },
    {
      address: '和平路 1 号',
      members: [{ ...personInput({ name: '赵桂英', sex: 'FEMALE', birthDate: '1936-04-04', maritalStatus: 'WIDOWED' }), relation: 'SELF' }],
    },
  ]
}

const freshIds = () => ({
  father: uniqueIdNumber('1985-03-02', 'MALE'),
  mother: uniqueIdNumber('1990-07-15', 'FEMALE'),
  neighbour: uniqueIdNumber('1960-01-20', 'MALE'),
})

function importRows(code: string, list: { address: string; members: Member[] }[]): ImportRow[] {
  return list.flatMap((h, i) =>
    h.members.map((m, k) => ({
      householdKey: String(i + 1),
      ...(k === 0 ? { regionCode: code, address: h.address } : {}),
      relation: m.relation,
      name: m.name,
      sex: m.sex,
      birthDate: m.birthDate,
      ethnicity: m.ethnicity,
      idNumber: m.idNumber ?? '',
      residence: m.residence,
      maritalStatus: m.maritalStatus,
    })),
  )
}

/** A county's findings, told by rule and the names of the people or the address of the household. */
async function findingsOf(countyId: number) {
  const rows = await db.qualityFinding.findMany({ where: { countyId } })
  const persons = new Map((await db.person.findMany({ where: { countyId }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
  const addresses = new Map((await db.household.findMany({ where: { countyId }, select: { id: true, address: true } })).map((h) => [h.id, h.address]))
  return rows
    .map((f) => {
      const { motherId, others, ...details } = f.details as { motherId?: number; others?: number[] }
      const who = f.entity === 'Household' ? addresses.get(f.entityId) : persons.get(f.entityId)
      const named = { ...details, ...(motherId ? { mother: persons.get(motherId) } : {}), ...(others ? { others: others.map((id) => persons.get(id)) } : {}) }
      return `${f.rule} ${f.severity} ${f.status} ${f.entity} ${who} ${JSON.stringify(named)}`
    })
    .sort()
}

describe('the register bulk writer', () => {
  it('an import whose rows break on-save rules opens the same findings as entering them through the form', async () => {
    const byForm = await makeCounty(db, '表单')
    const officer = await staff('VILLAGE_OFFICER', byForm.villages[0])
    for (const h of households(freshIds())) await createHousehold(ctxOf(officer), { regionId: byForm.villages[0].id, type: 'FAMILY', ...h })

    // the same people in another county through a file (with other ID numbers: one number in two counties is a finding too)
    const byFile = await makeCounty(db, '文件')
    const clerk = await staff('TOWNSHIP_STAFF', byFile.townships[0])
    const result = await importRegister(ctxOf(clerk), importCsv(importRows(byFile.villages[0].code, households(freshIds()))), true)
    expect(result).toMatchObject({ committed: true, errorCount: 0, households: 3, persons: 6 })

    const expected = await findingsOf(byForm.county.id)
    expect(expected.map((f) => f.split(' ').slice(0, 5).join(' '))).toEqual([
      'likelyDuplicate WARNING OPEN Person 赵桂英',
      'likelyDuplicate WARNING OPEN Person 赵桂英',
      'motherAge WARNING OPEN Person 王小明',
    ])
    expect(await findingsOf(byFile.county.id)).toEqual(expected)
  })

  it('runs the check inside the import’s transaction: when the import fails at its end, no finding stays', async () => {
    const tree = await makeCounty(db, '回滚')
    const clerk = await staff('TOWNSHIP_STAFF', tree.townships[0])
    const sheet = await readSheet(importCsv(importRows(tree.villages[0].code, households(freshIds()))))
    if (!sheet.ok) throw new Error(sheet.error)
    let findingsSeen = -1
    const failingAudit = async (tx: Tx) => {
      findingsSeen = await tx.qualityFinding.count({ where: { countyId: tree.county.id } })
      throw new Error('the audit event could not be written')
    }
    await expect(runImport(db, clerk, sheet.rows, true, failingAudit)).rejects.toThrow('the audit event could not be written')
    expect(findingsSeen).toBe(3) // the check had run in the transaction before its last step
    expect(await db.person.count({ where: { countyId: tree.county.id } })).toBe(0)
    expect(await db.qualityFinding.count({ where: { countyId: tree.county.id } })).toBe(0)
  })

  it('the demo generator, the import, the factories and the form write people the register reads the same', async () => {
    // a few residents of the demo generator in a village of their own
    const demo = await makeCounty(db, '演示')
    const village = demo.villages[0]
    const official = await staff('COUNTY_OFFICIAL', demo.county)
    await buildResidents(db, [{ id: village.id, name: village.name, countyId: demo.county.id, townshipId: village.ancestorIds[1], groupIds: [] }], {
      residents: 40,
      random: seededRandom(20261129),
      today: todayIso(),
      recordedById: official.id,
    })
    const generated = await db.person.findMany({
      where: { countyId: demo.county.id, relation: 'SELF', idCipher: { not: null }, alive: true, movedOut: false },
      orderBy: { id: 'asc' },
    })
    expect(generated.length).toBeGreaterThanOrEqual(4)
    const facts = generated.slice(0, 4).map((p) => ({
      name: p.name,
      sex: p.sex,
      birthDate: toIso(p.birthDate),
      ethnicity: p.ethnicity,
      idNumber: decryptIdNumber(p.idCipher!),
      residence: 'LOCAL' as const,
      maritalStatus: p.maritalStatus,
    }))
    // the same people written by the import, the test factory and the form, each in its own county
    const people = facts.map((f) => ({ address: `${f.name}家`, members: [{ ...f, relation: 'SELF' as const }] }))
    const byFile = await makeCounty(db, '导入')
    const fileClerk = await staff('TOWNSHIP_STAFF', byFile.townships[0])
    expect(await importRegister(ctxOf(fileClerk), importCsv(importRows(byFile.villages[0].code, people)), true)).toMatchObject({ committed: true, persons: 4 })
    const byFactory = await makeCounty(db, '工厂')
    for (const p of people) await makeHousehold(db, byFactory.villages[0], p)
    const byForm = await makeCounty(db, '表单')
    const formOfficer = await staff('VILLAGE_OFFICER', byForm.villages[0])
    for (const p of people) await createHousehold(ctxOf(formOfficer), { regionId: byForm.villages[0].id, type: 'FAMILY', ...p })

    const counties = [demo, byFile, byFactory, byForm]
    const readers = await Promise.all(counties.map((c) => staff('COUNTY_OFFICIAL', c.county)))
    for (const f of facts) {
      const reads = []
      for (const [i, c] of counties.entries()) {
        const stored = await db.person.findFirstOrThrow({ where: { countyId: c.county.id, name: f.name, birthDate: new Date(f.birthDate) } })
        // encrypted at rest (a fresh nonce each time), the same number decrypted, the same search hash
        expect(Buffer.from(stored.idCipher!).includes(Buffer.from(f.idNumber))).toBe(false)
        expect(decryptIdNumber(stored.idCipher!)).toBe(f.idNumber)
        const page = await getPerson(readers[i], stored.id)
        // found by the full number (through its hash) and by the pinyin of the name
        const byId = await searchPersons(readers[i], searchSchema.parse({ q: f.idNumber }))
        const byPinyin = await searchPersons(readers[i], searchSchema.parse({ q: stored.nameInitials }))
        expect(byId.rows.map((r) => r.id)).toEqual([stored.id])
        expect(byPinyin.rows.map((r) => r.id)).toContain(stored.id)
        reads.push({
          idHash: stored.idHash,
          idMasked: page?.idMasked,
          idLast4: stored.idLast4,
          name: page?.name,
          namePinyin: stored.namePinyin,
          nameInitials: stored.nameInitials,
          sex: page?.sex,
          birthDate: page && toIso(page.birthDate),
          ethnicity: page?.ethnicity,
          maritalStatus: page?.maritalStatus,
          alive: page?.alive,
          movedOut: page?.movedOut,
          relation: page?.relation,
          isHead: page?.household?.headId === stored.id,
        })
      }
      expect(reads[0].idMasked).toMatch(/\*/)
      for (const read of reads.slice(1)) expect(read).toEqual(reads[0])
    }
  })
})
