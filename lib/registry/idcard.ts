// Resident identity card numbers (居民身份证号码), GB 11643-1999: 6 digits of the issuing region,
// 8 of the birth date, 3 of sequence (odd for men, even for women) and one check character from an
// ISO 7064 MOD 11-2 checksum ('X' stands for 10).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type IdProblem = 'length' | 'characters' | 'birthDate' | 'checkDigit'

export type IdParse =
  | { ok: true; id: string; birthDate: string; sex: 'MALE' | 'FEMALE'; regionCode: string }
  | { ok: false; problem: IdProblem }

export function checkCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** Reads an ID number, naming the first part that is wrong. `today` bounds the birth date. */
export function parseIdNumber(input: string, today: Date = new Date()): IdParse {
  const id = input.trim().toUpperCase()
  if (id.length !== 18) return { ok: false, problem: 'length' }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'characters' }
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  const valid = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  if (!valid || y < 1900 || date.getTime() > today.getTime()) return { ok: false, problem: 'birthDate' }
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checkDigit' }
  return {
    ok: true,
    id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    regionCode: id.slice(0, 6),
  }
}

export type IdAgreementProblem = 'birthDateMismatch' | 'sexMismatch'

/** Whether the birth date (yyyy-mm-dd) and sex entered agree with the ID number. */
export function idAgreement(parsed: { birthDate: string; sex: 'MALE' | 'FEMALE' }, birthDate: string, sex: 'MALE' | 'FEMALE'): IdAgreementProblem | null {
  if (parsed.birthDate !== birthDate) return 'birthDateMismatch'
  if (parsed.sex !== sex) return 'sexMismatch'
  return null
}

/** 3714**********1234: the region's first four digits and the last four, as on a receipt. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`
}

/** A valid ID number for the given region, birth date, sequence and sex (demo data and tests). */
export function makeIdNumber(region6: string, birthDate: string, sequence: number, sex: 'MALE' | 'FEMALE'): string {
  const seq = sequence % 100
  const sexDigit = sex === 'MALE' ? (sequence % 5) * 2 + 1 : (sequence % 5) * 2
  const first17 = `${region6}${birthDate.replace(/-/g, '')}${String(seq).padStart(2, '0')}${sexDigit}`
  return first17 + checkCharacter(first17)
}
