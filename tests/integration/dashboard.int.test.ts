import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { ctxOf, sessionStaff, staff } from './helpers'
import { makeCounty, personInput } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { correctEvent, recordEvent, updatePerson } from '@/lib/registry/service'
import { liveMonth, monthFigures, monthsEndingWith, type StoreLevel } from '@/lib/dashboard/store'
import { dashboardFor } from '@/lib/dashboard/data'
import { translator } from '@/lib/i18n/core'
import { todayIso } from '@/lib/dates'
import type { FigureScope } from '@/lib/reports/figures'

// The statistics store against the live computation: after register edits dated in past months
// (a birth, a death, a move, a correction, an edit without an event), every stored month of the
// county and of the township agrees with computeCounts over the register as it is now; and an
// edit marks only the months it reaches.

type County = Awaited<ReturnType<typeof makeCounty>>
const today = todayIso()
// twelve finished months ending a year ago: every event below falls in them
const lastYear = `${Number(today.slice(0, 4)) - 1}`
const MONTHS = monthsEndingWith(`${lastYear}-12`, 12)

let c: County
let scopes: (FigureScope & { level: StoreLevel })[]

async function stored() {
  return db.statMonth.findMany({ where: { countyId: c.county.id }, orderBy: [{ regionId: 'asc' }, { month: 'asc' }] })
}

/** Reads every month through the store (recomputing what is stale) and compares each with a live computation. */
async function expectStoreAgreesWithLive() {
  for (const scope of scopes) {
    const figures = await monthFigures(db, scope, MONTHS, today)
    for (const month of MONTHS) {
      const live = await liveMonth(db, scope, month)
      const got = figures.get(month)!
      expect({ scope: scope.regionId, month, total: got.total, byChild: got.byChild }).toEqual({ scope: scope.regionId, month, ...live })
    }
  }
  expect((await stored()).every((r) => !r.stale)).toBe(true)
}

async function staleMonths(regionId: number) {
  return (await stored()).filter((r) => r.regionId === regionId && r.stale).map((r) => r.month)
}

describe('the statistics store', () => {
  let officer: Awaited<ReturnType<typeof staff>>
  let township: Awaited<ReturnType<typeof staff>>
  let ids: { father: number; mother: number; grandfather: number; son: number }

  beforeAll(async () => {
    c = await makeCounty(db, '看板')
    scopes = [
      { level: 'COUNTY', regionId: c.county.id, countyId: c.county.id },
      { level: 'TOWNSHIP', regionId: c.townships[0].id, countyId: c.county.id },
    ]
    officer = await staff('VILLAGE_OFFICER', c.villages[0])
    township = await staff('TOWNSHIP_STAFF', c.townships[0])
    const { members } = await makeHousehold(db, c.villages[0], {
      address: '看板村1号',
      members: [
        { ...personInput({ name: '王父', sex: 'MALE', birthDate: '1980-01-01' }), relation: 'SELF' },
        { ...personInput({ name: '李母', sex: 'FEMALE', birthDate: '1985-02-02' }), relation: 'SPOUSE' },
        { ...personInput({ name: '王祖', sex: 'MALE', birthDate: '1940-03-03', maritalStatus: 'WIDOWED' }), relation: 'PARENT' },
        { ...personInput({ name: '王子', sex: 'MALE', birthDate: '2005-04-04', maritalStatus: 'SINGLE' }), relation: 'CHILD' },
      ],
    })
    ids = { father: members[0].id, mother: members[1].id, grandfather: members[2].id, son: members[3].id }
    await makeHousehold(db, c.villages[2], {
      address: '看板村2号',
      members: [{ ...personInput({ name: '赵某', sex: 'FEMALE', birthDate: '1970-06-06' }), relation: 'SELF' }],
    })
    // the closing job's work: every month stored once
    for (const scope of scopes) await monthFigures(db, scope, MONTHS, today)
  })

  const version = async (id: number) => (await db.person.findUniqueOrThrow({ where: { id } })).version

  it('stores each finished month once, and reads it back from the store', async () => {
    expect((await stored()).length).toBe(2 * MONTHS.length)
    const again = await monthFigures(db, scopes[0], MONTHS, today)
    expect([...again.values()].every((f) => f?.from === 'store')).toBe(true)
    expect(again.get(MONTHS[0])!.total.registered).toBe(5)
  })

  it('a birth in a past month marks that month and the later ones stale, and the store then agrees with live', async () => {
    await recordEvent(ctxOf(officer), {
      type: 'BIRTH',
      motherId: ids.mother,
      version: await version(ids.mother),
      occurredOn: `${lastYear}-04-10`,
      name: '王小妹',
      sex: 'FEMALE',
    })
    const stale = await staleMonths(c.county.id)
    expect(stale[0]).toBe(`${lastYear}-04`)
    expect(stale).toEqual(MONTHS.filter((m) => m >= `${lastYear}-04`))
    await expectStoreAgreesWithLive()
    const after = await monthFigures(db, scopes[0], [`${lastYear}-04`], today)
    expect(after.get(`${lastYear}-04`)!.total).toMatchObject({ births: 1, birthsFemale: 1, registered: 6 })
  })

  it('a death, then its correction to an earlier date', async () => {
    const { eventId } = await recordEvent(ctxOf(officer), {
      type: 'DEATH',
      personId: ids.grandfather,
      version: await version(ids.grandfather),
      occurredOn: `${lastYear}-07-15`,
    })
    expect((await staleMonths(c.county.id))[0]).toBe(`${lastYear}-07`)
    await expectStoreAgreesWithLive()
    await correctEvent(ctxOf(officer), { eventId, occurredOn: `${lastYear}-05-20`, reason: '死亡证明日期' })
    expect((await staleMonths(c.county.id))[0]).toBe(`${lastYear}-05`)
    await expectStoreAgreesWithLive()
    const may = await monthFigures(db, scopes[0], [`${lastYear}-05`, `${lastYear}-07`], today)
    expect(may.get(`${lastYear}-05`)!.total.deaths).toBe(1)
    expect(may.get(`${lastYear}-07`)!.total.deaths).toBe(0)
  })

  it('a move within the county and a move out of it', async () => {
    await recordEvent(ctxOf(township), {
      type: 'MOVE_WITHIN',
      personId: ids.son,
      version: await version(ids.son),
      occurredOn: `${lastYear}-08-01`,
      toRegionId: c.villages[1].id,
    })
    expect((await staleMonths(c.townships[0].id))[0]).toBe(`${lastYear}-08`)
    await expectStoreAgreesWithLive()
    // the head moves out: the household gets a new head, and the households figure counts heads by
    // their relation now, so every month is reached (not only September on)
    await recordEvent(ctxOf(officer), {
      type: 'MOVE_OUT',
      personId: ids.father,
      version: await version(ids.father),
      occurredOn: `${lastYear}-09-01`,
      destination: '北京市',
    })
    expect(await staleMonths(c.county.id)).toEqual(MONTHS)
    await expectStoreAgreesWithLive()
    const sep = await monthFigures(db, scopes[1], [`${lastYear}-07`, `${lastYear}-09`], today)
    expect(sep.get(`${lastYear}-09`)!.total.movesOut).toBe(1)
    // the son lives in the second village from August
    expect(sep.get(`${lastYear}-07`)!.byChild[String(c.villages[1].id)]?.registered ?? 0).toBe(0)
    expect(sep.get(`${lastYear}-09`)!.byChild[String(c.villages[1].id)].registered).toBe(1)
  })

  it('an edit without an event (a corrected sex) reaches every month', async () => {
    const mother = await db.person.findUniqueOrThrow({ where: { id: ids.mother } })
    await updatePerson(ctxOf(officer), {
      personId: mother.id,
      version: mother.version,
      person: personInput({ name: '李母', sex: 'MALE', birthDate: '1985-02-02' }),
    })
    expect(await staleMonths(c.county.id)).toEqual(MONTHS)
    await expectStoreAgreesWithLive()
  })
})

describe('dashboard scoping', () => {
  it('a township’s dashboard holds only its own villages, and a village officer cannot open a township’s', async () => {
    const d = await makeCounty(db, '范围')
    const t = translator('zh-CN')
    const leader = await sessionStaff('TOWNSHIP_LEADER', d.townships[0])
    const own = await dashboardFor({ actor: leader, subject: leader }, t, {})
    expect(own?.region.id).toBe(d.townships[0].id)
    const ownVillages = new Set([d.villages[0].id, d.villages[1].id])
    expect(own!.children.map((ch) => ch.id).every((id) => ownVillages.has(id))).toBe(true)
    expect(own!.children.length).toBe(2)
    // the other township and its villages are out of reach
    expect(await dashboardFor({ actor: leader, subject: leader }, t, { regionId: d.townships[1].id })).toBeNull()
    expect(await dashboardFor({ actor: leader, subject: leader }, t, { regionId: d.villages[2].id })).toBeNull()
    expect(await dashboardFor({ actor: leader, subject: leader }, t, { regionId: d.county.id })).toBeNull()
    // its own village opens
    expect((await dashboardFor({ actor: leader, subject: leader }, t, { regionId: d.villages[0].id }))?.region.level).toBe('VILLAGE')

    const villager = await sessionStaff('VILLAGE_OFFICER', d.villages[0])
    expect(await dashboardFor({ actor: villager, subject: villager }, t, { regionId: d.townships[0].id })).toBeNull()
    const village = await dashboardFor({ actor: villager, subject: villager }, t, {})
    expect(village?.region.id).toBe(d.villages[0].id)
    expect(village!.children).toEqual([])
    expect(village!.village).not.toBeNull()

    const official = await sessionStaff('COUNTY_OFFICIAL', d.county)
    const county = await dashboardFor({ actor: official, subject: official }, t, {})
    expect(county!.children.map((ch) => ch.id).sort()).toEqual(d.townships.map((x) => x.id).sort())
    expect((await dashboardFor({ actor: official, subject: official }, t, { regionId: d.townships[1].id }))?.region.id).toBe(d.townships[1].id)
  })
})
