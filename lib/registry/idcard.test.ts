import { describe, expect, it } from 'vitest'
import { checkCharacter, idAgreement, makeIdNumber, maskIdNumber, parseIdNumber } from './idcard'

// 11010519491231002X is the standard's own example (a woman born 31 Dec 1949 in Beijing).
const today = new Date('2026-11-22T00:00:00Z')

describe('GB 11643 ID numbers', () => {
  it('reads the standard example', () => {
    expect(parseIdNumber('11010519491231002X', today)).toEqual({ ok: true, id: '11010519491231002X', birthDate: '1949-12-31', sex: 'FEMALE', regionCode: '110105' })
    expect(parseIdNumber(' 11010519491231002x ', today).ok).toBe(true)
  })
  it('names the part that is wrong', () => {
    expect(parseIdNumber('1101051949123100', today)).toEqual({ ok: false, problem: 'length' })
    expect(parseIdNumber('11010519491231002Y', today)).toEqual({ ok: false, problem: 'characters' })
    expect(parseIdNumber('110105194913310021', today)).toEqual({ ok: false, problem: 'birthDate' })
    expect(parseIdNumber('110105194902300021', today)).toEqual({ ok: false, problem: 'birthDate' })
    expect(parseIdNumber('110105203001010021', today)).toEqual({ ok: false, problem: 'birthDate' })
    expect(parseIdNumber('110105194912310021', today)).toEqual({ ok: false, problem: 'checkDigit' })
  })
  it('computes the check character with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2', () => {
    expect(checkCharacter('11010519491231002')).toBe('X')
  })
  it('checks agreement with the birth date and sex entered', () => {
    const parsed = { birthDate: '1949-12-31', sex: 'FEMALE' as const }
    expect(idAgreement(parsed, '1949-12-31', 'FEMALE')).toBeNull()
    expect(idAgreement(parsed, '1950-12-31', 'FEMALE')).toBe('birthDateMismatch')
    expect(idAgreement(parsed, '1949-12-31', 'MALE')).toBe('sexMismatch')
  })
  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('371422199001011234')).toBe('3714**********1234')
  })
  it('makes valid numbers for generated residents', () => {
    for (let i = 0; i < 200; i++) {
      const sex = i % 2 ? 'MALE' : 'FEMALE'
      const id = makeIdNumber('371422', '1988-07-15', i, sex)
      expect(parseIdNumber(id, today)).toMatchObject({ ok: true, birthDate: '1988-07-15', sex })
    }
  })
})
