// Working days on the mainland calendar: weekends, public holidays and the make-up working days
// (调休) the State Council announces each year. The yearly arrangement comes from the maintained
// `chinese-days` package; a county may override single days (a local holiday, a late
// announcement) with its own calendar, passed in as `overrides`.
import chineseDays from 'chinese-days'
import { toDate, toIso } from './dates'

// The default export: plain Node (tsx, scripts) sees no named exports in the package's minified
// CommonJS build; the default is the whole API under bundlers and Node alike.
const { isWorkday } = chineseDays

/** yyyy-mm-dd → true for a working day, false for a day off. Wins over the national calendar. */
export type CalendarOverrides = ReadonlyMap<string, boolean>

const NONE: CalendarOverrides = new Map()

export function isWorkingDay(iso: string, overrides: CalendarOverrides = NONE): boolean {
  return overrides.get(iso) ?? isWorkday(iso)
}

function nextDay(iso: string): string {
  const date = toDate(iso)
  date.setUTCDate(date.getUTCDate() + 1)
  return toIso(date)
}

/**
 * The date `days` working days after `fromIso` (the day of receipt does not count): a complaint
 * received on 30 September with 5 working days is due on 13 October 2026, past the National Day
 * week and counting the make-up Saturday of 10 October.
 */
export function addWorkingDays(fromIso: string, days: number, overrides: CalendarOverrides = NONE): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0')
  let date = fromIso
  for (let left = days; left > 0;) {
    date = nextDay(date)
    if (isWorkingDay(date, overrides)) left--
  }
  return date
}

/** Working days after `fromIso` up to and including `toIsoDate` (0 when it is not later). */
export function workingDaysBetween(fromIso: string, toIsoDate: string, overrides: CalendarOverrides = NONE): number {
  let count = 0
  for (let date = nextDay(fromIso); date <= toIsoDate; date = nextDay(date)) if (isWorkingDay(date, overrides)) count++
  return count
}
