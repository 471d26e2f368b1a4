import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkCharacter, idAgreement, idCandidates, makeIdNumber, maskIdNumber, MIN_ID_CANDIDATES, parseIdNumber } from './idcard'

// 11010519491231002X is the standard's own example (a woman born 31 Dec 1949 in Beijing).
const today = new Date('2026-11-22T00:00:00Z')

describe('GB 11643 ID numbers', () => {
  it('reads the standard example', () => {
    expect(parseIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'FEMALE',
      regionCode: '110105',
    })
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
  it('masks everything after the first four characters', () => {
    expect(maskIdNumber('371422199001011234')).toBe('3714**************')
    expect(maskIdNumber('11010519491231002X')).toBe('1101**************')
  })
})

// docs/decisions/0005-id-masking.md: what a page shows of a person must leave at least 90 numbers.
describe('candidate ID numbers left by what is shown', () => {
  const id = '371422199001010003'
  it('counts 100 sequences x 5 sex digits when the masked form, birth date and sex are shown', () => {
    expect(idCandidates({ masked: maskIdNumber(id), birthDate: '1990-01-01', sex: 'FEMALE' }, today)).toBe(500)
    expect(idCandidates({ masked: maskIdNumber(id), birthDate: '1990-01-01', sex: 'FEMALE' }, today)).toBeGreaterThanOrEqual(MIN_ID_CANDIDATES)
  })
  it('finds the old masked form (last four shown) with birth date and sex rebuilds the number', () => {
    expect(idCandidates({ masked: '3714**********0003', birthDate: '1990-01-01', sex: 'FEMALE' }, today)).toBe(1)
  })
  it('finds that showing only the check character leaves too few', () => {
    expect(idCandidates({ masked: '3714*************3', birthDate: '1990-01-01', sex: 'FEMALE' }, today)).toBeLessThan(MIN_ID_CANDIDATES)
  })
  it('counts the check digit exactly: with everything but it shown, one candidate', () => {
    expect(idCandidates({ masked: '37142219900101000*' }, today)).toBe(1)
    expect(idCandidates({ masked: '3714221990010100**' }, today)).toBe(10)
    expect(idCandidates({ masked: '3714221990010100**', sex: 'FEMALE' }, today)).toBe(5)
  })
  it('counts every birth date when none is shown', () => {
    // 1900-01-01 … 2026-11-22 is 46,347 days; 1000 sequences each; the check character is free.
    expect(idCandidates({ masked: null }, today)).toBe(46_347 * 1000)
  })
  it('leaves at least 90 for any valid number shown masked with its birth date and sex', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 999 }), fc.boolean(), (day, seq, male) => {
        const birthDate = new Date(Date.UTC(1910, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)
        const sex = male ? 'MALE' : 'FEMALE'
        const number = makeIdNumber('371428', birthDate, seq, sex)
        return idCandidates({ masked: maskIdNumber(number), birthDate, sex }, today) >= MIN_ID_CANDIDATES
      }),
      { numRuns: 200 },
    )
  })
  it('makes valid numbers for generated residents', () => {
    for (let i = 0; i < 200; i++) {
      const sex = i % 2 ? 'MALE' : 'FEMALE'
      const id = makeIdNumber('371422', '1988-07-15', i, sex)
      expect(parseIdNumber(id, today)).toMatchObject({ ok: true, birthDate: '1988-07-15', sex })
    }
  })
})
