import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { LEGACY_SUPERUSER_PASSWORD, startEmbeddedPostgres } from '@/lib/db/embedded'
import { applyMigrations } from '@/lib/db/schema-engine'
import { freePort } from '@/lib/db/temporary'
import { openDatabase } from '@/lib/db/runtime'
import { APP_ROLE, migrate, OWNER_ROLE } from '@/lib/db/roles'

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return client
}

/** The statements an app role must not be able to run against the audit table. */
async function expectAuditTableGuarded(app: pg.Client) {
  await app.query(`INSERT INTO "AuditEvent" (action, entity) VALUES ('test.roles', 'Test')`)
  expect((await app.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'test.roles'`)).rows[0].n).toBeGreaterThan(0)
  for (const statement of [
    `UPDATE "AuditEvent" SET action = 'forged'`,
    `DELETE FROM "AuditEvent"`,
    `TRUNCATE "AuditEvent"`,
    `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
    `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"`,
    `DROP TRIGGER "AuditEvent_no_update_delete" ON "AuditEvent"`,
    `SET session_replication_role = replica`,
    `SET ROLE ${OWNER_ROLE}`,
  ]) {
    await expect(app.query(statement), statement).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) })
  }
  const me = (await app.query(`SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user`)).rows[0]
  expect(me).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false })
  const owner = (await app.query(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = '"AuditEvent"'::regclass`)).rows[0].owner
  expect(owner).not.toBe(APP_ROLE)
  expect((await app.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'forged'`)).rows[0].n).toBe(0)
}

describe('database roles', () => {
  it('the app connects as a role that can only add to and read the audit table, and cannot switch its trigger off', async () => {
    const app = await connect(process.env.DATABASE_URL!)
    try {
      expect((await app.query('SELECT current_user AS u')).rows[0].u).toBe(APP_ROLE)
      await expectAuditTableGuarded(app)
      // Ordinary work on the other tables is allowed, sequences included.
      const region = await app.query(
        `INSERT INTO "Region" (code, name, level, "ancestorIds", "updatedAt") VALUES ('379999000000', '角色县', 'COUNTY', '{}', now()) RETURNING id`,
      )
      await app.query(`UPDATE "Region" SET name = '角色县二' WHERE id = $1`, [region.rows[0].id])
      await app.query(`DELETE FROM "Region" WHERE id = $1`, [region.rows[0].id])
      await expect(app.query(`SELECT * FROM _prisma_migrations`)).rejects.toMatchObject({ code: '42501' })
    } finally {
      await app.end()
    }
  })

  it('tables made by later migrations are open to the app role, without a new grant', async () => {
    const owner = await connect(process.env.XZ_TEST_OWNER_URL!)
    const app = await connect(process.env.DATABASE_URL!)
    try {
      await owner.query(`CREATE TABLE "FutureThing" (id serial PRIMARY KEY, note text)`)
      await app.query(`INSERT INTO "FutureThing" (note) VALUES ('later')`)
      expect((await app.query(`SELECT note FROM "FutureThing"`)).rows).toEqual([{ note: 'later' }])
      await expect(app.query(`DROP TABLE "FutureThing"`)).rejects.toMatchObject({ code: '42501' })
    } finally {
      await owner.query(`DROP TABLE IF EXISTS "FutureThing"`)
      await owner.end()
      await app.end()
    }
  })

  describe('a data folder from before the two roles', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-legacy-'))
    fs.chmodSync(dir, 0o755)
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

    it('starts again: the roles are made, the tables handed to the owner, the superuser password replaced', async () => {
      // The old version: superuser postgres/postgres, the app and its tables all superuser's.
      const port = await freePort()
      const old = await startEmbeddedPostgres(path.join(dir, 'pg'), port, LEGACY_SUPERUSER_PASSWORD)
      await old.createDatabase('xiangzhen')
      await applyMigrations(old.url('xiangzhen'))
      const before = await connect(old.url('xiangzhen'))
      await before.query(`INSERT INTO "AuditEvent" (action, entity) VALUES ('old.event', 'Test')`)
      await before.end()
      await old.stop()
      fs.writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify({ authSecret: 'a'.repeat(43), idNumberKey: Buffer.alloc(32, 1).toString('base64') }))

      const saved = {
        DATABASE_URL: process.env.DATABASE_URL,
        XZ_DATA_DIR: process.env.XZ_DATA_DIR,
        XZ_PG_PORT: process.env.XZ_PG_PORT,
        XZ_ID_KEY: process.env.XZ_ID_KEY,
      }
      delete process.env.DATABASE_URL
      process.env.XZ_DATA_DIR = dir
      process.env.XZ_PG_PORT = String(port)
      try {
        const database = await openDatabase()
        try {
          await migrate({ migrateUrl: database.migrateUrl, appUrl: database.url })
          const secrets = JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8'))
          expect(secrets.authSecret).toBe('a'.repeat(43)) // kept
          expect(secrets.superuserPassword).not.toBe(LEGACY_SUPERUSER_PASSWORD)
          await expect(connect(database.embedded!.url('postgres', { user: 'postgres', password: LEGACY_SUPERUSER_PASSWORD }))).rejects.toMatchObject({
            code: '28P01',
          })

          const app = await connect(database.url)
          try {
            expect((await app.query(`SELECT action FROM "AuditEvent" WHERE action = 'old.event'`)).rowCount).toBe(1)
            await expectAuditTableGuarded(app)
          } finally {
            await app.end()
          }
          const owner = await connect(database.migrateUrl)
          try {
            const notOwned = await owner.query(
              `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') AND pg_get_userbyid(c.relowner) <> current_user`,
            )
            expect(notOwned.rows).toEqual([])
          } finally {
            await owner.end()
          }
        } finally {
          await database.embedded!.stop()
        }
        // And once more, as any later start would.
        const again = await openDatabase()
        await migrate({ migrateUrl: again.migrateUrl, appUrl: again.url })
        await again.embedded!.stop()
      } finally {
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key]
          else process.env[key] = value
        }
      }
    }, 120_000)
  })
})
