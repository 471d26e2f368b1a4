import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername } from '@/tests/factories'
import { getUser, listUsers, assignableRegions } from '@/lib/access/queries'
import { createUser, resetPassword, setUserActive, updateUser } from '@/lib/access/service'
import { regionView } from '@/lib/regions/queries'
import { createRegion, importRegions, renameRegion, setRegionActive } from '@/lib/regions/service'
import { asActor, ctxOf } from './helpers'

const PASSWORD = 'Correct-horse-42'

async function twoTownships() {
  const tree = await makeCounty(db)
  const [mine, theirs] = tree.townships
  const admin = asActor(await makeUser(db, { username: uniqueUsername('ta'), role: 'ADMIN', regionId: mine.id, password: PASSWORD }), 'TOWNSHIP')
  const staff = asActor(await makeUser(db, { username: uniqueUsername('ts'), role: 'TOWNSHIP_STAFF', regionId: mine.id, password: PASSWORD }), 'TOWNSHIP')
  const neighbour = await makeUser(db, { username: uniqueUsername('nb'), role: 'TOWNSHIP_STAFF', regionId: theirs.id, password: PASSWORD })
  const neighbourVillage = tree.villages.find((v) => v.ancestorIds.includes(theirs.id))!
  return { ...tree, mine, theirs, admin, staff, neighbour, neighbourVillage }
}

describe('a township user and another township', () => {
  it('cannot list or open the other township’s users', async () => {
    const { admin, neighbour } = await twoTownships()
    const page = await listUsers(admin, { q: '', page: 1 })
    expect(page.rows.map((u) => u.username)).toContain(admin.username)
    expect(page.rows.map((u) => u.username)).not.toContain(neighbour.username)
    expect(await listUsers(admin, { q: neighbour.username, page: 1 })).toMatchObject({ total: 0 })
    expect(await getUser(admin, neighbour.id)).toBeNull()
  })

  it('cannot change, reset, deactivate or create users there', async () => {
    const { admin, neighbour, theirs, mine } = await twoTownships()
    const version = neighbour.version
    await expect(updateUser(ctxOf(admin), { userId: neighbour.id, version, name: '改', role: 'TOWNSHIP_STAFF', regionId: mine.id })).rejects.toMatchObject({
      key: 'errors.notFound',
    })
    await expect(resetPassword(ctxOf(admin), { userId: neighbour.id, version })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(setUserActive(ctxOf(admin), { userId: neighbour.id, version, active: false })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(
      createUser(ctxOf(admin), { username: uniqueUsername('new'), name: '新人', role: 'TOWNSHIP_STAFF', regionId: theirs.id }),
    ).rejects.toMatchObject({
      key: 'users.regionNotAllowed',
    })
    expect(await db.auditEvent.count({ where: { actorId: admin.id, action: 'permission.denied', entity: 'Permission', entityId: 'user.manage' } })).toBe(4)
    const after = await db.user.findUniqueOrThrow({ where: { id: neighbour.id } })
    expect(after).toMatchObject({ name: neighbour.name, version, active: true, passwordHash: neighbour.passwordHash })
  })

  it('cannot promote anyone above its own region', async () => {
    const { admin, county, staff } = await twoTownships()
    const row = await db.user.findUniqueOrThrow({ where: { id: staff.id } })
    await expect(
      updateUser(ctxOf(admin), { userId: staff.id, version: row.version, name: row.name, role: 'COUNTY_OFFICIAL', regionId: county.id }),
    ).rejects.toMatchObject({
      key: 'users.regionNotAllowed',
    })
    await expect(
      updateUser(ctxOf(admin), { userId: staff.id, version: row.version, name: row.name, role: 'VILLAGE_OFFICER', regionId: row.regionId }),
    ).rejects.toMatchObject({
      key: 'users.roleRegionMismatch',
    })
  })

  it('cannot see or change the other township’s regions, and the attempt is audited', async () => {
    const { admin, theirs, neighbourVillage } = await twoTownships()
    expect(await regionView(admin, theirs.id, 1)).toBeNull()
    expect(await regionView(admin, neighbourVillage.id, 1)).toBeNull()
    const denied = () => db.auditEvent.count({ where: { actorId: admin.id, action: 'permission.denied' } })
    const before = await denied()
    await expect(renameRegion(ctxOf(admin), { id: theirs.id, version: 1, name: '被改名' })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(setRegionActive(ctxOf(admin), { id: neighbourVillage.id, version: 1, active: false })).rejects.toMatchObject({ key: 'errors.notFound' })
    await expect(createRegion(ctxOf(admin), { parentId: theirs.id, code: `${theirs.code.slice(0, 9)}299`, name: '插入村' })).rejects.toMatchObject({
      key: 'errors.notFound',
    })
    const result = await importRegions(ctxOf(admin), [{ line: 2, code: `${theirs.code.slice(0, 9)}298`, name: '导入村', parentCode: theirs.code }], true)
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, column: 'parentCode', key: 'regions.import.parentUnknown' })])
    expect(await denied()).toBe(before + 3)
    expect(await db.region.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ name: theirs.name, version: 1 })
    expect(await db.region.count({ where: { code: { in: [`${theirs.code.slice(0, 9)}299`, `${theirs.code.slice(0, 9)}298`] } } })).toBe(0)
  })

  it('sees its own township, its villages and groups, and only those to place users in', async () => {
    const { admin, mine } = await twoTownships()
    const view = await regionView(admin, undefined, 1)
    expect(view?.region.id).toBe(mine.id)
    expect(view?.trail).toEqual([])
    expect(view?.children.rows.map((r) => r.level)).toEqual(['VILLAGE', 'VILLAGE'])
    const options = await assignableRegions(admin)
    expect(options.map((o) => o.id).sort()).toEqual(
      (await db.region.findMany({ where: { OR: [{ id: mine.id }, { parentId: mine.id }] }, select: { id: true } })).map((r) => r.id).sort(),
    )
  })
})
