import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, staff } from './helpers'
import { makeCounty, personInput, uniqueIdNumber } from '@/tests/factories'
import { importCsv, type ImportRow } from '@/tests/factories/imports'
import { translator } from '@/lib/i18n/core'
import { importRegister } from '@/lib/imports/service'
import { hashIdNumber } from '@/lib/registry/crypto'
import { idCheckAlerts, OUT_OF_SCOPE_DAILY_CAP, outOfScopeHitsToday } from '@/lib/registry/id-checks'
import { addMember, createHousehold, updatePerson } from '@/lib/registry/service'

// The forms that take an ID number (new household, add a member, edit a person) must not be an
// oracle for who is registered in other townships: the answer says only "elsewhere in the county",
// the hit is audited with its hash, and it counts toward the same per-user daily cap as the import.

async function setting() {
  const tree = await makeCounty(db, '查号')
  const [mine, theirs] = tree.townships
  const inside = tree.villages.filter((v) => v.ancestorIds.includes(mine.id))
  const outside = tree.villages.find((v) => v.ancestorIds.includes(theirs.id))!
  const clerk = await staff('TOWNSHIP_STAFF', mine)
  const otherClerk = await staff('TOWNSHIP_STAFF', theirs)
  return { ...tree, mine, theirs, inside, outside, clerk, otherClerk }
}

type Setting = Awaited<ReturnType<typeof setting>>
type Clerk = Setting['clerk']

const male = (birthDate = '1970-01-01') => uniqueIdNumber(birthDate, 'MALE')

/** A one-person household with `idNumber` in `villageId`, entered through the new-household form's service. */
function single(clerk: Clerk, villageId: number, idNumber: string | undefined, address = '独居路 1 号') {
  return createHousehold(ctxOf(clerk), {
    regionId: villageId,
    address,
    type: 'FAMILY',
    members: [{ ...personInput({ name: '孙立', sex: 'MALE', birthDate: '1970-01-01', idNumber }), relation: 'SELF' }],
  })
}

/** How a call was refused: its message key and field errors. */
async function refusal(call: Promise<unknown>) {
  try {
    await call
  } catch (error) {
    const { key, params, fieldErrors } = error as { key: string; params?: unknown; fieldErrors?: unknown }
    return { key, params, fieldErrors }
  }
  throw new Error('expected a refusal')
}

const checks = (actorId: number) =>
  db.auditEvent.findMany({ where: { actorId, action: { in: ['register.idCheck', 'register.idCheck.refused'] } }, orderBy: { id: 'asc' } })

describe('typing an ID number registered elsewhere in the county', () => {
  it('the new-household, add-member and person forms say only “elsewhere in the county”, write nothing, and audit the hash', async () => {
    const s = await setting()
    const taken = male()
    await single(s.otherClerk, s.outside.id, taken, '外乡路 1 号')
    const { householdId } = await single(s.clerk, s.inside[0].id, undefined, '本乡路 1 号')
    const [own] = await db.person.findMany({ where: { householdId } })
    const before = {
      households: await db.household.count({ where: { countyId: s.county.id } }),
      persons: await db.person.count({ where: { countyId: s.county.id } }),
    }

    const answers = [
      await refusal(single(s.clerk, s.inside[0].id, taken, '本乡路 2 号')),
      await refusal(addMember(ctxOf(s.clerk), { householdId, member: { ...personInput({ birthDate: '1970-01-01', idNumber: taken }), relation: 'OTHER' } })),
      await refusal(
        updatePerson(ctxOf(s.clerk), {
          personId: own.id,
          version: own.version,
          person: personInput({ name: own.name, birthDate: '1970-01-01', idNumber: taken }),
        }),
      ),
    ]
    for (const answer of answers)
      expect(answer).toEqual({ key: 'registry.errors.idElsewhere', params: undefined, fieldErrors: { idNumber: 'registry.errors.idElsewhere' } })
    for (const locale of ['zh-CN', 'en'] as const) {
      const message = translator(locale)('registry.errors.idElsewhere')
      for (const where of [s.theirs.name, s.theirs.code, s.outside.name, s.outside.code, s.theirs.code.slice(0, 9)]) expect(message).not.toContain(where)
    }
    expect(translator('zh-CN')('registry.errors.idElsewhere')).toContain('本县其他地方登记')
    expect(translator('en')('registry.errors.idElsewhere')).toContain('elsewhere in the county')

    // nothing written; each attempt audited with the number's keyed hash, never the number
    expect(await db.household.count({ where: { countyId: s.county.id } })).toBe(before.households)
    expect(await db.person.count({ where: { countyId: s.county.id } })).toBe(before.persons)
    expect((await db.person.findUniqueOrThrow({ where: { id: own.id } })).idHash).toBeNull()
    const events = await checks(s.clerk.id)
    expect(events).toHaveLength(3)
    for (const e of events) {
      expect(e).toMatchObject({ action: 'register.idCheck', entity: 'Person', regionId: s.mine.id })
      expect(e.after).toMatchObject({ outOfScope: 1, outOfScopeHashes: [hashIdNumber(taken)], cap: OUT_OF_SCOPE_DAILY_CAP })
      expect(JSON.stringify(e.after)).not.toContain(taken)
    }
    expect(await outOfScopeHitsToday(db, s.clerk.id)).toBe(3)
  })

  it('a number registered inside the clerk’s own region is a plain duplicate: not an out-of-region hit, nothing counted', async () => {
    const s = await setting()
    const taken = male()
    await single(s.clerk, s.inside[0].id, taken, '本乡路 3 号')
    expect(await refusal(single(s.clerk, s.inside[1].id, taken, '本乡路 4 号'))).toMatchObject({ key: 'registry.errors.duplicateId' })
    expect(await checks(s.clerk.id)).toEqual([])
    expect(await outOfScopeHitsToday(db, s.clerk.id)).toBe(0)
  })

  it(`counts with the import toward one daily cap of ${OUT_OF_SCOPE_DAILY_CAP}: past it every save with an ID number and every import is refused, and administrators are alerted`, async () => {
    const s = await setting()
    const ids = Array.from({ length: 25 }, () => male())
    const rows = (code: string, numbers: string[]): ImportRow[] =>
      numbers.map((idNumber, i) => ({
        householdKey: String(i + 1),
        regionCode: code,
        address: `独居路 ${i + 1} 号`,
        relation: '本人',
        name: `单${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`,
        sex: '男',
        birthDate: '1970-01-01',
        ethnicity: '汉族',
        idNumber,
        maritalStatus: '未婚',
      }))
    expect(await importRegister(ctxOf(s.otherClerk), importCsv(rows(s.outside.code, ids)), true)).toMatchObject({ committed: true, persons: 25 })

    // 18 hits from an import's dry run, then 2 typed into the form: 20, still answered
    await importRegister(ctxOf(s.clerk), importCsv(rows(s.inside[0].code, ids.slice(0, 18))), false)
    for (const id of ids.slice(18, 20)) expect(await refusal(single(s.clerk, s.inside[0].id, id))).toMatchObject({ key: 'registry.errors.idElsewhere' })
    expect(await outOfScopeHitsToday(db, s.clerk.id)).toBe(20)

    // the 21st: refused with the cap, not answered
    expect(await refusal(single(s.clerk, s.inside[0].id, ids[20]))).toEqual({
      key: 'registry.errors.idCheckCap',
      params: { cap: OUT_OF_SCOPE_DAILY_CAP },
      fieldErrors: undefined,
    })
    // past the cap a free number gets the same refusal (the refusal must not answer either) ...
    const free = male()
    expect(await refusal(single(s.clerk, s.inside[0].id, free))).toMatchObject({ key: 'registry.errors.idCheckCap' })
    expect(await db.person.count({ where: { idHash: hashIdNumber(free) } })).toBe(0)
    const countyAdmin = await staff('ADMIN', s.county)
    expect(await idCheckAlerts(countyAdmin)).toEqual([expect.objectContaining({ actorName: s.clerk.username, source: 'entry', hitsToday: 21 })])
    // ... and so is the import; a save without an ID number still goes through
    await expect(importRegister(ctxOf(s.clerk), importCsv(rows(s.inside[0].code, [male()])), false)).rejects.toMatchObject({
      key: 'imports.errors.outOfScopeCap',
    })
    await single(s.clerk, s.inside[0].id, undefined, '无证路 1 号')

    const refused = (await checks(s.clerk.id)).filter((e) => e.action === 'register.idCheck.refused')
    expect(refused).toHaveLength(2)
    expect(refused[0].after).toMatchObject({ outOfScope: 1, hitsToday: 21, outOfScopeHashes: [hashIdNumber(ids[20])] })
    expect(refused[1].after).toMatchObject({ outOfScope: 0, outOfScopeHashes: [] })

    // someone else in the same township is not affected
    const colleague = await staff('TOWNSHIP_STAFF', s.mine)
    await single(colleague, s.inside[1].id, male(), '同事路 1 号')

    // one line per user and day: the latest refusal, now the import's
    expect(await idCheckAlerts(countyAdmin)).toEqual([expect.objectContaining({ actorName: s.clerk.username, source: 'import' })])
    expect(await idCheckAlerts(await staff('ADMIN', s.theirs))).toEqual([])
  })
})
