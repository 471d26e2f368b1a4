import { workingDaysBetween, type CalendarOverrides } from '@/lib/workdays'

// Pure rules of the work module: a task's state on a day, and completion rates for a month.

export const DEFAULT_WARNING_DAYS = 3

export type TaskStatus = 'OPEN' | 'REPORTED' | 'ACCEPTED' | 'RETURNED'

/** What a list shows for a task on a day. */
export type TaskState = 'accepted' | 'reported' | 'overdue' | 'warning' | 'open'

export interface TaskFacts {
  status: TaskStatus
  /** yyyy-mm-dd */
  dueOn: string
  /** the day the assignee last reported it done */
  reportedOn: string | null
}

/**
 * In the warning days (预警): at most `warningDays` working days are left after today up to the due
 * date. A task due on Monday 12 October 2026 with 3 days warns from Thursday 8 October: the National
 * Day week (1–7 October) counts for nothing, and Saturday 10 October is a make-up working day.
 */
export function inWarning(dueOn: string, today: string, warningDays: number, overrides?: CalendarOverrides): boolean {
  return today <= dueOn && workingDaysBetween(today, dueOn, overrides) <= warningDays
}

/** A task's state on `today`: accepted, waiting for the check, overdue, in its warning days, or open. */
export function taskState(task: TaskFacts, today: string, warningDays = DEFAULT_WARNING_DAYS, overrides?: CalendarOverrides): TaskState {
  if (task.status === 'ACCEPTED') return 'accepted'
  if (task.status === 'REPORTED') return 'reported'
  if (today > task.dueOn) return 'overdue'
  if (inWarning(task.dueOn, today, warningDays, overrides)) return 'warning'
  return 'open'
}

/** Accepted, and reported done by its due date. */
export function completedOnTime(task: TaskFacts): boolean {
  return task.status === 'ACCEPTED' && task.reportedOn !== null && task.reportedOn <= task.dueOn
}

/** A due date for a task must not be before today. */
export function dueDateProblem(dueOn: string, today: string): 'work.errors.dueInPast' | null {
  return dueOn < today ? 'work.errors.dueInPast' : null
}

export interface CompletionFigures {
  /** tasks due in the period */
  due: number
  /** accepted (at any time) */
  completed: number
  /** accepted and reported by the due date */
  onTime: number
  /** reported or accepted after the due date, or still open past it */
  overdue: number
  /** onTime ÷ due × 100, two decimals; null when nothing was due */
  rate: number | null
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** Completion of a set of tasks due in a period, as of `today`. */
export function completion(tasks: readonly TaskFacts[], today: string): CompletionFigures {
  let completed = 0
  let onTime = 0
  let overdue = 0
  for (const task of tasks) {
    if (task.status === 'ACCEPTED') completed++
    if (completedOnTime(task)) onTime++
    else if (task.reportedOn ? task.reportedOn > task.dueOn : today > task.dueOn) overdue++
  }
  return { due: tasks.length, completed, onTime, overdue, rate: tasks.length > 0 ? round2((onTime / tasks.length) * 100) : null }
}

/** Completion per key (a person, a village, a township): tasks grouped by `keyOf`, keys without a key skipped. */
export function completionBy<T extends TaskFacts, K>(tasks: readonly T[], keyOf: (task: T) => K | null, today: string): Map<K, CompletionFigures> {
  const groups = new Map<K, T[]>()
  for (const task of tasks) {
    const key = keyOf(task)
    if (key === null) continue
    const list = groups.get(key)
    if (list) list.push(task)
    else groups.set(key, [task])
  }
  return new Map([...groups].map(([key, list]) => [key, completion(list, today)]))
}

/** The first and last day of a month yyyy-mm. */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` }
}

/** Progress against a target, as a percentage of it (null without a value or with a zero target). */
export function attainment(value: number | null, target: number): number | null {
  if (value === null || target === 0) return null
  return round2((value / target) * 100)
}

/** The weights of an agreement's items must add up to 100. */
export function weightsProblem(weights: readonly number[]): 'work.errors.weights' | null {
  const sum = weights.reduce((a, b) => a + b, 0)
  return Math.abs(sum - 100) < 0.005 ? null : 'work.errors.weights'
}

/** Whether someone is who the task is for: the named person, or anyone of the unit when no person is named. */
export function isAssignee(who: { id: number; regionId: number }, task: { assigneeRegionId: number; assigneeUserId: number | null }): boolean {
  return task.assigneeUserId !== null ? task.assigneeUserId === who.id : task.assigneeRegionId === who.regionId
}

/** Whether someone may check (accept or return) a reported task: of the issuing unit, and not its reporter or assignee. */
export function mayCheck(
  who: { id: number; regionId: number },
  task: { status: TaskStatus; issuerRegionId: number; reportedById: number | null; assigneeUserId: number | null },
): boolean {
  return task.status === 'REPORTED' && task.issuerRegionId === who.regionId && task.reportedById !== who.id && task.assigneeUserId !== who.id
}
