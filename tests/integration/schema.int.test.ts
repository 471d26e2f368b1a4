import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import pg from 'pg'
import { diffMigrationsToSchema, isEmptyMigration } from '@/lib/db/schema-engine'

describe('schema.prisma and prisma/migrations', () => {
  it('agree: replaying the migrations gives exactly the schema (else run npm run db:migration:new)', async () => {
    const server = inject('pgServerUrl')
    const admin = new pg.Client({ connectionString: `${server}postgres` })
    await admin.connect()
    await admin.query('DROP DATABASE IF EXISTS xz_drift_check')
    await admin.query('CREATE DATABASE xz_drift_check')
    await admin.end()
    const sql = await diffMigrationsToSchema(`${server}xz_drift_check`)
    expect(isEmptyMigration(sql), sql).toBe(true)
  })

  it('would notice a difference', () => {
    expect(isEmptyMigration('-- This is an empty migration.')).toBe(true)
    expect(isEmptyMigration('-- AlterTable\nALTER TABLE "User" ADD COLUMN "x" TEXT;')).toBe(false)
  })
})
