import { describe, expect, it } from 'vitest'
import { makeIdNumber } from './idcard'
import { birthSchema, householdSchema, personSchema, searchSchema } from './schemas'

const valid = { name: '王建军', sex: 'MALE', birthDate: '1985-03-02', ethnicity: '01' }
/** The first message per field, which is what the forms show (lib/server/action.ts). */
function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, string> = {}
  for (const issue of result.error?.issues ?? []) out[issue.path.join('.')] ??= issue.message
  return out
}

describe('person input', () => {
  it('accepts a plain person and fills defaults', () => {
    expect(personSchema.parse(valid)).toMatchObject({ residence: 'LOCAL', maritalStatus: 'SINGLE' })
  })
  it('says which part of an ID number is wrong, and checks it against birth date and sex', () => {
    const id = makeIdNumber('371422', '1985-03-02', 7, 'MALE')
    expect(personSchema.safeParse({ ...valid, idNumber: id }).success).toBe(true)
    expect(messages(personSchema.safeParse({ ...valid, idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') }))).toEqual({
      idNumber: 'registry.id.checkDigit',
    })
    expect(messages(personSchema.safeParse({ ...valid, idNumber: '12345' }))).toEqual({ idNumber: 'registry.id.length' })
    expect(messages(personSchema.safeParse({ ...valid, birthDate: '1985-03-03', idNumber: id }))).toEqual({ birthDate: 'registry.id.birthDateMismatch' })
    expect(messages(personSchema.safeParse({ ...valid, sex: 'FEMALE', idNumber: id }))).toEqual({ sex: 'registry.id.sexMismatch' })
  })
  it('refuses impossible and future dates', () => {
    expect(messages(personSchema.safeParse({ ...valid, birthDate: '2023-02-29' }))).toEqual({ birthDate: 'errors.invalidDate' })
    expect(messages(personSchema.safeParse({ ...valid, birthDate: '2999-01-01' }))).toEqual({ birthDate: 'registry.errors.dateInFuture' })
    expect(messages(personSchema.safeParse({ ...valid, birthDate: '1850-01-01' }))).toEqual({ birthDate: 'registry.errors.dateTooOld' })
    expect(messages(personSchema.safeParse({ ...valid, birthDate: '85-3-2' }))).toEqual({ birthDate: 'errors.invalidDate' })
  })
  it('refuses hostile and overlong text, wrong phones and unknown codes', () => {
    expect(messages(personSchema.safeParse({ ...valid, name: '<img src=x onerror=alert(1)>' }))).toEqual({ name: 'errors.nameCharacters' })
    expect(messages(personSchema.safeParse({ ...valid, name: '王'.repeat(10_000) }))).toEqual({ name: 'errors.tooLong' })
    expect(messages(personSchema.safeParse({ ...valid, name: '王\'; DELETE FROM "Person"; --' }))).toEqual({ name: 'errors.nameCharacters' })
    expect(messages(personSchema.safeParse({ ...valid, phone: '12345' }))).toEqual({ phone: 'registry.errors.phone' })
    expect(messages(personSchema.safeParse({ ...valid, ethnicity: '57' }))).toEqual({ ethnicity: 'errors.invalid' })
    expect(messages(personSchema.safeParse({ ...valid, residence: 'ELSEWHERE' }))).toEqual({ residence: 'errors.invalid' })
    expect(messages(personSchema.safeParse({ ...valid, hukouCode: '13092' }))).toEqual({ hukouCode: 'registry.errors.hukouCode' })
    expect(personSchema.parse({ ...valid, residence: 'INFLOW', hukouText: '河北省吴桥县', hukouCode: '130928' }).hukouCode).toBe('130928')
  })
})

describe('household input', () => {
  const member = { ...valid, relation: 'SELF' }
  it('needs exactly one head', () => {
    expect(householdSchema.safeParse({ regionId: '5', address: '幸福路 1 号', members: [member] }).success).toBe(true)
    expect(messages(householdSchema.safeParse({ regionId: '5', address: '幸福路 1 号', members: [{ ...member, relation: 'SPOUSE' }] }))).toEqual({
      members: 'registry.errors.noHead',
    })
    expect(messages(householdSchema.safeParse({ regionId: '5', address: '幸福路 1 号', members: [member, member] }))).toEqual({
      members: 'registry.errors.twoHeads',
    })
    expect(messages(householdSchema.safeParse({ regionId: '5', address: '幸福路 1 号', members: [] }))).toEqual({ members: 'registry.errors.noMembers' })
  })
  it('reports a member’s error under that member', () => {
    expect(
      messages(
        householdSchema.safeParse({ regionId: '5', address: '幸福路 1 号', members: [member, { ...valid, relation: 'CHILD', birthDate: '2023-02-30' }] }),
      ),
    ).toEqual({
      'members.1.birthDate': 'errors.invalidDate',
    })
  })
})

describe('event input', () => {
  it('has its own schema per type', () => {
    expect(birthSchema.safeParse({ type: 'BIRTH', motherId: '3', version: '1', occurredOn: '2026-01-01', name: '王小红', sex: 'FEMALE' }).success).toBe(true)
    expect(messages(birthSchema.safeParse({ type: 'BIRTH', motherId: '3', version: '1', occurredOn: '2999-01-01', name: '', sex: 'X' }))).toEqual({
      occurredOn: 'registry.errors.dateInFuture',
      name: 'errors.required',
      sex: 'errors.invalid',
    })
  })
})

describe('search input', () => {
  // The form sends every field; the empty ones used to become "age 0 to 0" (issue 8).
  const form = { q: '', regionId: '', residence: '', sex: '', ageMin: '', ageMax: '', alive: 'yes' }
  it('reads empty fields as no filter', () => {
    expect(searchSchema.parse({ ...form, q: '王' })).toEqual({
      q: '王',
      regionId: undefined,
      residence: undefined,
      sex: undefined,
      ageMin: undefined,
      ageMax: undefined,
      alive: 'yes',
      page: 1,
    })
    const blank = searchSchema.parse({ ...form, ageMin: '  ', ageMax: ' ' })
    expect([blank.ageMin, blank.ageMax]).toEqual([undefined, undefined])
    expect(searchSchema.parse({})).toEqual({ q: '', alive: 'yes', page: 1 })
  })
  it('keeps an age of 0 and the filters chosen', () => {
    expect(searchSchema.parse({ ...form, residence: 'INFLOW', sex: 'FEMALE', ageMin: '0', ageMax: '3', regionId: '12' })).toMatchObject({
      residence: 'INFLOW',
      sex: 'FEMALE',
      ageMin: 0,
      ageMax: 3,
      regionId: 12,
    })
  })
  it('says what is wrong with an impossible search', () => {
    expect(messages(searchSchema.safeParse({ ...form, ageMin: '200' }))).toEqual({ ageMin: 'registry.errors.ageRange' })
    expect(messages(searchSchema.safeParse({ ...form, ageMin: '-1', ageMax: 'abc' }))).toEqual({
      ageMin: 'registry.errors.ageRange',
      ageMax: 'registry.errors.ageRange',
    })
    expect(messages(searchSchema.safeParse({ ...form, ageMin: '60', ageMax: '20' }))).toEqual({ ageMax: 'registry.errors.ageOrder' })
    expect(messages(searchSchema.safeParse({ ...form, regionId: '2147483648' }))).toEqual({ regionId: 'errors.invalid' })
    expect(messages(searchSchema.safeParse({ ...form, residence: 'ELSEWHERE', regionId: ['1', '2'] }))).toEqual({
      residence: 'errors.invalid',
      regionId: 'errors.invalid',
    })
    expect(messages(searchSchema.safeParse({ ...form, q: '王'.repeat(51) }))).toEqual({ q: 'errors.tooLong' })
  })
})

describe('search text with a NUL byte', () => {
  it('is refused with a message (PostgreSQL would fail on it)', () => {
    expect(messages(searchSchema.safeParse({ q: '王\u0000' }))).toEqual({ q: 'errors.controlCharacters' })
  })
})
