import { addWorkingDays, type CalendarOverrides } from '@/lib/workdays'

// Pure rules of the cases module (来电来信来访): due dates in working days, the overdue flag, the
// within-deadline rate, and what closing needs.

/** Working days from receipt to the answer. */
export const CASE_WORKING_DAYS = 5

export type CaseStatus = 'RECEIVED' | 'ASSIGNED' | 'REPLIED' | 'CLOSED'

/** The day a case received on `receivedOn` must be answered by (the day of receipt does not count). */
export function caseDueDate(receivedOn: string, overrides?: CalendarOverrides): string {
  return addWorkingDays(receivedOn, CASE_WORKING_DAYS, overrides)
}

export interface CaseFacts {
  receivedOn: string
  dueOn: string
  repliedOn: string | null
}

/** Not answered by its due date: still unanswered after it, or answered late. */
export function isOverdue(c: CaseFacts, today: string): boolean {
  return c.repliedOn ? c.repliedOn > c.dueOn : today > c.dueOn
}

/** Unanswered, not overdue, and due within `days` calendar days (the inbox's "near deadline"). */
export function isNearDeadline(c: CaseFacts, today: string, days = 2): boolean {
  if (c.repliedOn || today > c.dueOn) return false
  const due = Date.parse(`${c.dueOn}T00:00:00Z`)
  const now = Date.parse(`${today}T00:00:00Z`)
  return (due - now) / 86_400_000 <= days
}

export interface DeadlineFigures {
  /** cases whose answer is settled: answered, or past their due date unanswered */
  counted: number
  within: number
  /** within ÷ counted × 100, two decimals; null when nothing is counted */
  rate: number | null
}

/**
 * The share of cases answered within their deadline. A case still open before its due date is not
 * counted yet (it may still be answered in time); one open past it counts as late.
 */
export function withinDeadline(cases: readonly CaseFacts[], today: string): DeadlineFigures {
  let counted = 0
  let within = 0
  for (const c of cases) {
    if (!c.repliedOn && today <= c.dueOn) continue
    counted++
    if (c.repliedOn && c.repliedOn <= c.dueOn) within++
  }
  return { counted, within, rate: counted > 0 ? Math.round((within / counted) * 10000) / 100 : null }
}

/** What refuses a step of a case: assign, reply, close. */
export function stepProblem(
  step: 'assign' | 'reply' | 'close',
  c: { status: CaseStatus; reply: string | null; receivedOn: string },
  on?: string,
): 'cases.errors.closed' | 'cases.errors.noReply' | 'cases.errors.notAssigned' | 'cases.errors.beforeReceipt' | null {
  if (c.status === 'CLOSED') return 'cases.errors.closed'
  if (on && on < c.receivedOn) return 'cases.errors.beforeReceipt'
  if (step === 'reply' && c.status === 'RECEIVED') return 'cases.errors.notAssigned'
  if (step === 'close' && (c.status !== 'REPLIED' || !c.reply)) return 'cases.errors.noReply'
  return null
}
