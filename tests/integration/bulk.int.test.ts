import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { bulkInsert } from '@/lib/db/bulk'
import { makeCounty } from '@/tests/factories'

describe('bulk insert', () => {
  it('stores every type exactly, whatever the first row of a batch holds (nulls included)', async () => {
    const { villages } = await makeCounty(db)
    const v = villages[0]
    const base = (await db.person.aggregate({ _max: { id: true } }))._max.id ?? 0
    const rows = Array.from({ length: 7 }, (_, i) => ({
      id: base + 1000 + i,
      countyId: v.ancestorIds[0],
      townshipId: v.ancestorIds[1],
      villageId: v.id,
      regionId: v.id,
      name: `批量${i}`,
      namePinyin: 'piliang',
      nameInitials: 'pl',
      sex: i % 2 ? 'MALE' : 'FEMALE',
      birthDate: new Date(`19${80 + i}-0${1 + i}-1${i}T00:00:00Z`),
      ethnicity: '01',
      // batches of 3: the second batch starts with a null
      idCipher: i === 3 ? null : new Uint8Array([i, 0, 255, 128, 7]),
      alive: i !== 5,
      updatedAt: new Date(),
    }))
    const columns = [
      { name: 'id', type: 'int' },
      { name: 'countyId', type: 'int' },
      { name: 'townshipId', type: 'int' },
      { name: 'villageId', type: 'int' },
      { name: 'regionId', type: 'int' },
      { name: 'name', type: 'text' },
      { name: 'namePinyin', type: 'text' },
      { name: 'nameInitials', type: 'text' },
      { name: 'sex', type: 'enum:Sex' },
      { name: 'birthDate', type: 'date' },
      { name: 'ethnicity', type: 'text' },
      { name: 'idCipher', type: 'bytea' },
      { name: 'alive', type: 'bool' },
      { name: 'updatedAt', type: 'timestamptz' },
    ] as const
    expect(await bulkInsert(db, 'Person', [...columns], rows, 3)).toBe(7)
    const stored = await db.person.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { id: 'asc' } })
    expect(stored.map((p) => (p.idCipher ? [...p.idCipher] : null))).toEqual(rows.map((r) => (r.idCipher ? [...r.idCipher] : null)))
    expect(stored.map((p) => p.birthDate.toISOString().slice(0, 10))).toEqual(rows.map((r) => r.birthDate.toISOString().slice(0, 10)))
    expect(stored.map((p) => [p.sex, p.alive, p.name])).toEqual(rows.map((r) => [r.sex, r.alive, r.name]))
  })
})
