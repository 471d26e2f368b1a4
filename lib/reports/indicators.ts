import type { PrismaClient } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/server/db'
import { toIso } from '@/lib/dates'
import { annualPeriod, periodsOfStatYear, type Period } from '@/lib/periods/rules'
import { DEFAULT_REPORT_SETTINGS, deadlineOf, submissionRates, submissionTimeliness, timelinessPercent, type ReportSettingsValues } from './rules'
import { stockSource, timelinessSource } from './figures'
import { townshipsOf } from '@/lib/regions/lookups'

// The reports module's figures per township for a statistical year, as the assessment module
// reads them (lib/assessment/sources.ts). Not server-only: the demo generator and the benchmark,
// run outside Next.js, compute assessment runs with the same functions.

type Client = PrismaClient | Tx

async function settingsOf(client: Client, countyId: number): Promise<ReportSettingsValues> {
  return (await client.reportSettings.findUnique({ where: { countyId } })) ?? DEFAULT_REPORT_SETTINGS
}

/** The statistical year `statYear` of the county, as a period (the county's own start month). */
export async function statYearPeriod(client: Client, countyId: number, statYear: number): Promise<Period> {
  return annualPeriod(statYear, await settingsOf(client, countyId))
}

export interface OnTimeFigure {
  due: number
  onTime: number
  /** % of the reports due by `today` that were submitted by their deadline; null when none were due */
  rate: number | null
}

/** Each township's report on-time rate over the monthly, half-year and annual reports of a statistical year. */
export async function reportOnTimeByTownship(client: Client, countyId: number, statYear: number, today: string): Promise<Map<number, OnTimeFigure>> {
  const settings = await settingsOf(client, countyId)
  const periods = periodsOfStatYear(statYear, settings)
  const [townships, submissions] = await Promise.all([
    townshipsOf(client, countyId),
    client.reportSubmission.findMany({
      where: { countyId, level: 'TOWNSHIP', periodKey: { in: periods.map((p) => p.key) } },
      select: { regionId: true, kind: true, periodKey: true, deadline: true, firstSubmittedAt: true },
    }),
  ])
  const byKey = new Map(submissions.map((s) => [`${s.regionId}/${s.kind}/${s.periodKey}`, s]))
  const out = new Map<number, OnTimeFigure>()
  for (const township of townships) {
    const statuses = periods.map((p) => {
      const s = byKey.get(`${township.id}/${p.kind}/${p.key}`)
      const deadline = s ? toIso(s.deadline) : deadlineOf(p, settings)
      return submissionTimeliness(deadline, s?.firstSubmittedAt ? toIso(s.firstSubmittedAt) : null, today)
    })
    const rates = submissionRates(statuses)
    out.set(township.id, { due: rates.due, onTime: rates.onTime, rate: rates.onTimeRate })
  }
  return out
}

export interface RegistrationFigure {
  recorded: number
  late: number
  /** % of the life events recorded in the period that were recorded within 30 days; null when none were */
  rate: number | null
}

/** Each township's registration timeliness: life events recorded in the period, and how many late. */
export async function registrationTimelinessByTownship(client: Client, countyId: number, period: Period): Promise<Map<number, RegistrationFigure>> {
  const counts = await timelinessSource.compute(client, { level: 'COUNTY', regionId: countyId, countyId }, period)
  const out = new Map<number, RegistrationFigure>()
  for (const [id, c] of counts.byChild) out.set(id, { recorded: c.eventsRecorded, late: c.eventsLate, rate: timelinessPercent(c.eventsRecorded, c.eventsLate) })
  return out
}

/** Registered population of each township at the end of the period (for rates per 1,000 residents). */
export async function registeredByTownship(client: Client, countyId: number, period: Period): Promise<Map<number, number>> {
  const counts = await stockSource.compute(client, { level: 'COUNTY', regionId: countyId, countyId }, period)
  return new Map([...counts.byChild].map(([id, c]) => [id, c.registered]))
}
