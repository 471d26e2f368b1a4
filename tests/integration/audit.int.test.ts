import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername } from '@/tests/factories'
import { createRegion } from '@/lib/regions/service'
import { browseAudit } from '@/lib/audit/queries'
import { asActor, ctxOf, sessionStaff } from './helpers'
import { makeHousehold } from '@/tests/factories/registry'
import { personInput } from '@/tests/factories'
import { updatePerson } from '@/lib/registry/service'
import { createClient } from '@/lib/db/client'

describe('audit', () => {
  it('a write leaves an audit event in the same transaction, with who, where from and what changed', async () => {
    const { county, townships } = await makeCounty(db)
    const admin = asActor(await makeUser(db, { username: uniqueUsername('adm'), role: 'ADMIN', regionId: county.id, password: 'Correct-horse-42' }), 'COUNTY')
    const code = `${townships[0].code.slice(0, 9)}233`
    const region = await createRegion(ctxOf(admin), { parentId: townships[0].id, code, name: '审计村' })
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'region.create', entityId: String(region.id) } })
    expect(event).toMatchObject({ actorId: admin.id, actorName: admin.username, ip: '127.0.0.1', entity: 'Region', regionId: region.id })
    expect(event.after).toMatchObject({ code, name: '审计村', level: 'VILLAGE' })
  })

  it('a failed write leaves neither the change nor an event', async () => {
    const { county, townships } = await makeCounty(db)
    const admin = asActor(await makeUser(db, { username: uniqueUsername('adm'), role: 'ADMIN', regionId: county.id, password: 'Correct-horse-42' }), 'COUNTY')
    const before = await db.auditEvent.count({ where: { action: 'region.create' } })
    await expect(createRegion(ctxOf(admin), { parentId: townships[0].id, code: townships[1].code, name: '坏村' })).rejects.toMatchObject({
      key: 'regions.errors.villageShape',
    })
    expect(await db.auditEvent.count({ where: { action: 'region.create' } })).toBe(before)
  })

  it('the database refuses UPDATE, DELETE and TRUNCATE on the audit table, to the app and even to the owner', async () => {
    await db.auditEvent.create({ data: { action: 'test.event', entity: 'Test' } })
    // The app's role has no such privilege (tests/integration/db-roles.int.test.ts) ...
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(/permission denied/)
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow()
    // ... and the owner, who has, meets the append-only trigger.
    const owner = createClient(process.env.XZ_TEST_OWNER_URL!)
    try {
      await expect(owner.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(/append-only/)
      await expect(owner.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/)
      await expect(owner.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/)
    } finally {
      await owner.$disconnect()
    }
    expect(await db.auditEvent.count({ where: { action: 'forged' } })).toBe(0)
    expect(await db.auditEvent.count({ where: { action: 'test.event' } })).toBeGreaterThan(0)
  })

  it('administrators browse the events of their own region with filters and paging', async () => {
    const { county, townships } = await makeCounty(db)
    const countyAdmin = asActor(
      await makeUser(db, { username: uniqueUsername('ca'), role: 'ADMIN', regionId: county.id, password: 'Correct-horse-42' }),
      'COUNTY',
    )
    const townAdmin = asActor(
      await makeUser(db, { username: uniqueUsername('ta'), role: 'ADMIN', regionId: townships[0].id, password: 'Correct-horse-42' }),
      'TOWNSHIP',
    )
    for (let i = 0; i < 3; i++) {
      await createRegion(ctxOf(townAdmin), { parentId: townships[0].id, code: `${townships[0].code.slice(0, 9)}${260 + i}`, name: `甲村${i}` })
    }
    await createRegion(ctxOf(countyAdmin), { parentId: townships[1].id, code: `${townships[1].code.slice(0, 9)}270`, name: '乙村' })

    const mine = await browseAudit({ ...townAdmin, regionAncestorIds: townships[0].ancestorIds }, { user: '', entity: 'Region', page: 1 })
    expect(mine.rows.map((r) => (r.after as { name: string }).name).sort()).toEqual(['甲村0', '甲村1', '甲村2'])

    const byUser = await browseAudit({ ...countyAdmin, regionAncestorIds: [] }, { user: countyAdmin.username!, entity: '', page: 1 })
    expect(byUser.rows.every((r) => r.actorName === countyAdmin.username)).toBe(true)
    expect(byUser.total).toBe(1)

    const future = await browseAudit({ ...countyAdmin, regionAncestorIds: [] }, { user: '', entity: '', from: '2999-01-01', page: 1 })
    expect(future.total).toBe(0)
  })

  it("residents' data in register events only for those who may see that register row; administrators see which fields changed", async () => {
    const { county, townships, villages } = await makeCounty(db, '审计')
    const { members } = await makeHousehold(db, villages[0], {
      address: '审计路1号',
      members: [{ ...personInput({ name: '冯秀英', sex: 'FEMALE', birthDate: '1970-05-06' }), relation: 'SELF' }],
    })
    const person = members[0]
    const officer = await sessionStaff('VILLAGE_OFFICER', villages[0])
    const current = await db.person.findUniqueOrThrow({ where: { id: person.id } })
    await updatePerson(ctxOf(officer), {
      personId: person.id,
      version: current.version,
      person: personInput({ name: '冯秀兰', sex: 'FEMALE', birthDate: '1970-05-06' }),
    })
    const find = async (viewer: Parameters<typeof browseAudit>[0]) =>
      (await browseAudit(viewer, { user: '', entity: 'Person', page: 1 })).rows.find((r) => r.action === 'person.update' && r.entityId === String(person.id))

    // the county and township administrators: no register access, so no values
    for (const admin of [await sessionStaff('ADMIN', county), await sessionStaff('ADMIN', townships[0])]) {
      const row = await find(admin)
      expect(row).toBeDefined()
      expect(row!.redacted).toBe(true)
      expect(row!.before).toBeNull()
      expect(row!.after).toBeNull()
      expect(row!.changes).toContainEqual({ field: 'name' })
      expect(row!.changes.every((c) => !('before' in c) && !('after' in c))).toBe(true)
      expect(JSON.stringify(row)).not.toMatch(/冯|1970/)
    }

    // the register's own readers of that row see old and new
    for (const reader of [await sessionStaff('TOWNSHIP_STAFF', townships[0]), await sessionStaff('COUNTY_OFFICIAL', county)]) {
      const row = await find(reader)
      expect(row!.redacted).toBe(false)
      expect(row!.changes).toContainEqual({ field: 'name', before: '冯秀英', after: '冯秀兰' })
    }

    // events without residents' data read in full for administrators
    const admin = await sessionStaff('ADMIN', county)
    const code = `${townships[1].code.slice(0, 9)}288`
    await createRegion(ctxOf(admin), { parentId: townships[1].id, code, name: '明细村' })
    const region = (await browseAudit(admin, { user: '', entity: 'Region', page: 1 })).rows.find(
      (r) => r.action === 'region.create' && (r.after as { code?: string } | null)?.code === code,
    )
    expect(region!.redacted).toBe(false)
    expect(region!.changes).toContainEqual({ field: 'name', after: '明细村' })
  })
})
