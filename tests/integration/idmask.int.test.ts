import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { makeCounty, personInput, uniqueIdNumber } from '@/tests/factories'
import { makeHousehold } from '@/tests/factories/registry'
import { idCandidates, MIN_ID_CANDIDATES } from '@/lib/registry/idcard'
import { toIso } from '@/lib/dates'

// docs/decisions/0005-id-masking.md: the migration re-masks what was stored in the old form.
const MIGRATIONS = path.resolve('prisma/migrations')
const migration = fs.readdirSync(MIGRATIONS).find((d) => d.endsWith('_id_mask_prefix_only'))!

async function runMigration() {
  const sql = fs.readFileSync(path.join(MIGRATIONS, migration, 'migration.sql'), 'utf8').replace(/^--.*$/gm, '')
  for (const statement of sql
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await db.$executeRawUnsafe(statement)
}

describe('re-masking stored ID numbers', () => {
  it('rewrites people and data-quality findings stored in the old form, and leaves no number rebuildable', async () => {
    const { county, townships, villages } = await makeCounty(db, '掩码')
    const idNumber = uniqueIdNumber('1990-01-01', 'FEMALE')
    const { members } = await makeHousehold(db, villages[0], {
      address: '掩码路 1 号',
      members: [{ ...personInput({ name: '赵敏', sex: 'FEMALE', birthDate: '1990-01-01', idNumber }), relation: 'SELF' }],
    })
    const person = members[0]
    const old = `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`
    await db.person.update({ where: { id: person.id }, data: { idMasked: old } })
    const finding = await db.qualityFinding.create({
      data: {
        countyId: county.id,
        townshipId: townships[0].id,
        villageId: villages[0].id,
        rule: 'idMismatch',
        severity: 'WARNING',
        entity: 'Person',
        entityId: person.id,
        details: { name: '赵敏', idMasked: old, birthDate: '1990-01-01', sex: 'FEMALE' },
      },
    })

    await runMigration()

    const stored = await db.person.findUniqueOrThrow({ where: { id: person.id } })
    expect(stored.idMasked).toBe(`${idNumber.slice(0, 4)}**************`)
    expect(idCandidates({ masked: stored.idMasked, birthDate: toIso(stored.birthDate), sex: stored.sex })).toBeGreaterThanOrEqual(MIN_ID_CANDIDATES)
    expect((await db.qualityFinding.findUniqueOrThrow({ where: { id: finding.id } })).details).toMatchObject({
      idMasked: `${idNumber.slice(0, 4)}**************`,
      name: '赵敏',
    })
    // running it again changes nothing
    await runMigration()
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).idMasked).toBe(stored.idMasked)
  })
})
