// Resident identity card numbers (居民身份证号码), GB 11643-1999: 6 digits of the issuing region,
// 8 of the birth date, 3 of sequence (odd for men, even for women) and one check character from an
// ISO 7064 MOD 11-2 checksum ('X' stands for 10).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type IdProblem = 'length' | 'characters' | 'birthDate' | 'checkDigit'

export type IdParse = { ok: true; id: string; birthDate: string; sex: 'MALE' | 'FEMALE'; regionCode: string } | { ok: false; problem: IdProblem }

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

/**
 * 3714**************: the first four digits (the prefecture) and nothing else. The sequence digits
 * (15–17) and the check character are never shown masked: with the birth date and sex that pages
 * show next to the number, the last four would leave about one candidate
 * (docs/decisions/0005-id-masking.md). Search by the last four still works on the server (idLast4).
 */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, MASK_SHOWN)}${'*'.repeat(id.length - MASK_SHOWN)}`
}
const MASK_SHOWN = 4

/** The least number of candidate ID numbers a person's masked form, birth date and sex may leave. */
export const MIN_ID_CANDIDATES = 90

/** What one page or file shows of a person, as someone rebuilding the ID number would combine it. */
export interface IdDisclosure {
  /** the number as shown, '*' (or any non-digit but X) for a hidden character; null when not shown */
  masked: string | null
  /** yyyy-mm-dd, when shown */
  birthDate?: string | null
  sex?: 'MALE' | 'FEMALE' | null
}

/**
 * How many valid ID numbers agree with what is shown. Assumes the worst for the region digits
 * (1–6): the county's area code is public and the address names the place, so they count as
 * known, and of the 11 possible checksum contributions of an unknown region the one that leaves
 * the fewest candidates (but at least one: the person's own number) is taken. Birth dates range from 1900-01-01 to `today`. Exact: the
 * checksum is a weighted sum mod 11, so dates and sequences are tallied by residue and combined.
 */
export function idCandidates(shown: IdDisclosure, today: Date = new Date()): number {
  const masked = shown.masked && shown.masked.length === 18 ? shown.masked.toUpperCase() : '*'.repeat(18)
  const at = (i: number) => (/[\dX]/.test(masked[i]) ? masked[i] : null)
  const digitsMatch = (text: string, from: number) => [...text].every((c, i) => at(from + i) === null || at(from + i) === c)
  const weighted = (text: string, from: number) => [...text].reduce((sum, c, i) => sum + Number(c) * WEIGHTS[from + i], 0)

  // Birth dates (digits 7–14) by their checksum residue.
  const dates = new Array<number>(11).fill(0)
  const addDate = (yyyymmdd: string) => {
    if (digitsMatch(yyyymmdd, 6)) dates[weighted(yyyymmdd, 6) % 11]++
  }
  if (shown.birthDate) addDate(shown.birthDate.replace(/-/g, ''))
  else {
    const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
    for (let t = Date.UTC(1900, 0, 1); t <= end; t += 86_400_000) addDate(new Date(t).toISOString().slice(0, 10).replace(/-/g, ''))
  }

  // Sequence digits (15–17), the last one odd for men and even for women.
  const sequences = new Array<number>(11).fill(0)
  for (let n = 0; n < 1000; n++) {
    const seq = String(n).padStart(3, '0')
    if (shown.sex && (Number(seq[2]) % 2 === 1) !== (shown.sex === 'MALE')) continue
    if (digitsMatch(seq, 14)) sequences[weighted(seq, 14) % 11]++
  }

  const check = at(17)
  let fewest = Infinity
  for (let region = 0; region < 11; region++) {
    let count = 0
    for (let d = 0; d < 11; d++) {
      for (let s = 0; s < 11; s++) if (check === null || CHECK[(region + d + s) % 11] === check) count += dates[d] * sequences[s]
    }
    // A region residue that leaves nothing is not this person's region.
    if (count > 0) fewest = Math.min(fewest, count)
  }
  return fewest === Infinity ? 0 : fewest
}

/** A valid ID number for the given region, birth date, sequence and sex (demo data and tests). */
export function makeIdNumber(region6: string, birthDate: string, sequence: number, sex: 'MALE' | 'FEMALE'): string {
  const seq = sequence % 100
  const sexDigit = sex === 'MALE' ? (sequence % 5) * 2 + 1 : (sequence % 5) * 2
  const first17 = `${region6}${birthDate.replace(/-/g, '')}${String(seq).padStart(2, '0')}${sexDigit}`
  return first17 + checkCharacter(first17)
}
