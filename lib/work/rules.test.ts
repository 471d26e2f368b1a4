import { describe, expect, it } from 'vitest'
import {
  attainment,
  completedOnTime,
  completion,
  completionBy,
  dueDateProblem,
  inWarning,
  monthRange,
  taskState,
  weightsProblem,
  type TaskFacts,
} from './rules'

const task = (dueOn: string, status: TaskFacts['status'] = 'OPEN', reportedOn: string | null = null): TaskFacts => ({ dueOn, status, reportedOn })

describe('warnings (预警) in working days', () => {
  it('counts back over the National Day week and its make-up Saturday', () => {
    // due Monday 12 October 2026: 8, 9, 10 (make-up Saturday) and 12 are working days
    expect(inWarning('2026-10-12', '2026-10-08', 3)).toBe(true)
    expect(inWarning('2026-10-12', '2026-10-07', 3)).toBe(false)
    expect(inWarning('2026-10-12', '2026-09-30', 3)).toBe(false)
    expect(inWarning('2026-10-12', '2026-10-12', 3)).toBe(true)
    expect(inWarning('2026-10-12', '2026-10-13', 3)).toBe(false)
  })
  it('takes the number of days from the county (configurable)', () => {
    // Thursday 5 November: 4 working days before Wednesday 11 November? 6, 9, 10, 11 = 4
    expect(inWarning('2026-11-11', '2026-11-05', 3)).toBe(false)
    expect(inWarning('2026-11-11', '2026-11-05', 4)).toBe(true)
    expect(inWarning('2026-11-11', '2026-11-11', 0)).toBe(true)
    expect(inWarning('2026-11-11', '2026-11-10', 0)).toBe(false)
  })
})

describe('taskState', () => {
  it('is overdue after the due date, warning in its last days, open before', () => {
    expect(taskState(task('2026-11-11'), '2026-11-12')).toBe('overdue')
    expect(taskState(task('2026-11-11'), '2026-11-09')).toBe('warning')
    expect(taskState(task('2026-11-11'), '2026-11-02')).toBe('open')
    expect(taskState(task('2026-11-11', 'RETURNED'), '2026-11-12')).toBe('overdue')
  })
  it('reported and accepted tasks are neither warned nor overdue', () => {
    expect(taskState(task('2026-11-11', 'REPORTED', '2026-11-10'), '2026-11-20')).toBe('reported')
    expect(taskState(task('2026-11-11', 'ACCEPTED', '2026-11-13'), '2026-11-20')).toBe('accepted')
  })
})

describe('completion rates', () => {
  const tasks = [
    { ...task('2026-10-15', 'ACCEPTED', '2026-10-14'), who: 'a', village: 1 },
    { ...task('2026-10-15', 'ACCEPTED', '2026-10-16'), who: 'a', village: 1 }, // accepted, reported late
    { ...task('2026-10-20', 'RETURNED', '2026-10-19'), who: 'b', village: 2 }, // returned, open past due
    { ...task('2026-10-31', 'REPORTED', '2026-10-30'), who: 'b', village: 2 }, // waiting for the check
    { ...task('2026-10-31', 'OPEN'), who: null, village: 2 },
  ]
  it('counts only accepted tasks reported by their due date as on time', () => {
    expect(completedOnTime(tasks[0])).toBe(true)
    expect(completedOnTime(tasks[1])).toBe(false)
    expect(completedOnTime(tasks[3])).toBe(false)
  })
  it('gives due, completed, on time, overdue and the rate', () => {
    // on 1 November: 1 on time of 5 = 20 %; late: #2 (reported late), #3 (reported in time but returned: its last report 19th ≤ 20th → not late), #5 (open past due)
    expect(completion(tasks, '2026-11-01')).toEqual({ due: 5, completed: 2, onTime: 1, overdue: 2, rate: 20 })
  })
  it('groups per person and per village, skipping tasks without a person', () => {
    const byPerson = completionBy(tasks, (t) => t.who, '2026-11-01')
    expect(byPerson.get('a')).toEqual({ due: 2, completed: 2, onTime: 1, overdue: 1, rate: 50 })
    expect(byPerson.get('b')).toEqual({ due: 2, completed: 0, onTime: 0, overdue: 0, rate: 0 })
    expect(byPerson.size).toBe(2)
    const byVillage = completionBy(tasks, (t) => t.village, '2026-11-01')
    expect(byVillage.get(2)?.rate).toBe(0)
    expect(byVillage.get(1)?.rate).toBe(50)
  })
  it('has no rate when nothing was due', () => {
    expect(completion([], '2026-11-01')).toEqual({ due: 0, completed: 0, onTime: 0, overdue: 0, rate: null })
  })
  it('rounds to two decimals', () => {
    expect(completion([task('2026-10-01', 'ACCEPTED', '2026-10-01'), task('2026-10-01'), task('2026-10-01')], '2026-10-01').rate).toBe(33.33)
  })
})

describe('small rules', () => {
  it('refuses a due date in the past', () => {
    expect(dueDateProblem('2026-11-28', '2026-11-29')).toBe('work.errors.dueInPast')
    expect(dueDateProblem('2026-11-29', '2026-11-29')).toBeNull()
  })
  it('month range, attainment and weights', () => {
    expect(monthRange('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' })
    expect(monthRange('2028-02').end).toBe('2028-02-29')
    expect(attainment(45, 60)).toBe(75)
    expect(attainment(null, 60)).toBeNull()
    expect(attainment(5, 0)).toBeNull()
    expect(weightsProblem([40, 30, 30])).toBeNull()
    expect(weightsProblem([40, 30, 20])).toBe('work.errors.weights')
  })
})
