import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername } from '@/tests/factories'
import { createRegion } from '@/lib/regions/service'
import { browseAudit } from '@/lib/audit/queries'
import { asActor } from './helpers'

describe('audit', () => {
  it('a write leaves an audit event in the same transaction, with who, where from and what changed', async () => {
    const { county, townships } = await makeCounty(db)
    const admin = asActor(await makeUser(db, { username: uniqueUsername('adm'), role: 'ADMIN', regionId: county.id, password: 'Correct-horse-42' }))
    const code = `${townships[0].code.slice(0, 9)}233`
    const region = await createRegion(admin, admin, { parentId: townships[0].id, code, name: '审计村' })
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'region.create', entityId: String(region.id) } })
    expect(event).toMatchObject({ actorId: admin.id, actorName: admin.username, ip: '127.0.0.1', entity: 'Region', regionId: region.id })
    expect(event.after).toMatchObject({ code, name: '审计村', level: 'VILLAGE' })
  })

  it('a failed write leaves neither the change nor an event', async () => {
    const { county, townships } = await makeCounty(db)
    const admin = asActor(await makeUser(db, { username: uniqueUsername('adm'), role: 'ADMIN', regionId: county.id, password: 'Correct-horse-42' }))
    const before = await db.auditEvent.count({ where: { action: 'region.create' } })
    await expect(createRegion(admin, admin, { parentId: townships[0].id, code: townships[1].code, name: '坏村' })).rejects.toMatchObject({
      key: 'regions.errors.villageShape',
    })
    expect(await db.auditEvent.count({ where: { action: 'region.create' } })).toBe(before)
  })

  it('the database refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await db.auditEvent.create({ data: { action: 'test.event', entity: 'Test' } })
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(/append-only/)
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/)
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/)
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow()
    expect(await db.auditEvent.count({ where: { action: 'forged' } })).toBe(0)
    expect(await db.auditEvent.count({ where: { action: 'test.event' } })).toBeGreaterThan(0)
  })

  it('administrators browse the events of their own region with filters and paging', async () => {
    const { county, townships } = await makeCounty(db)
    const countyAdmin = asActor(await makeUser(db, { username: uniqueUsername('ca'), role: 'ADMIN', regionId: county.id, password: 'Correct-horse-42' }))
    const townAdmin = asActor(await makeUser(db, { username: uniqueUsername('ta'), role: 'ADMIN', regionId: townships[0].id, password: 'Correct-horse-42' }))
    for (let i = 0; i < 3; i++) {
      await createRegion(townAdmin, townAdmin, { parentId: townships[0].id, code: `${townships[0].code.slice(0, 9)}${260 + i}`, name: `甲村${i}` })
    }
    await createRegion(countyAdmin, countyAdmin, { parentId: townships[1].id, code: `${townships[1].code.slice(0, 9)}270`, name: '乙村' })

    const mine = await browseAudit({ ...townAdmin, regionAncestorIds: townships[0].ancestorIds }, { user: '', entity: 'Region', page: 1 })
    expect(mine.rows.map((r) => (r.after as { name: string }).name).sort()).toEqual(['甲村0', '甲村1', '甲村2'])

    const byUser = await browseAudit({ ...countyAdmin, regionAncestorIds: [] }, { user: countyAdmin.username!, entity: '', page: 1 })
    expect(byUser.rows.every((r) => r.actorName === countyAdmin.username)).toBe(true)
    expect(byUser.total).toBe(1)

    const future = await browseAudit({ ...countyAdmin, regionAncestorIds: [] }, { user: '', entity: '', from: '2999-01-01', page: 1 })
    expect(future.total).toBe(0)
  })
})
