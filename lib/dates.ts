// Calendar dates as the register keeps them: yyyy-mm-dd strings, UTC midnight Dates in the
// database, and today in China (UTC+8). Every module uses these; they depend on nothing.

const DAY = 86_400_000

/** yyyy-mm-dd as a UTC midnight Date (the database keeps dates without time). */
export function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`)
}

export function toIso(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Today in China (UTC+8), as yyyy-mm-dd. */
export function todayIso(now: Date = new Date()): string {
  return toIso(new Date(now.getTime() + 8 * 3_600_000))
}

export function daysBetween(fromIso: string, toIsoDate: string): number {
  return Math.round((toDate(toIsoDate).getTime() - toDate(fromIso).getTime()) / DAY)
}

/** Age in whole years on a date. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = onDate.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}
