import { describe, expect, it } from 'vitest'
import { caseDueDate, isNearDeadline, isOverdue, stepProblem, withinDeadline } from './rules'

describe('due dates in working days', () => {
  it('crosses the National Day holiday and counts its make-up Saturday', () => {
    // received Wednesday 30 September 2026: 8, 9, 10 (Saturday, make-up), 12, 13 October
    expect(caseDueDate('2026-09-30')).toBe('2026-10-13')
    // received on a holiday: the same five days after it
    expect(caseDueDate('2026-10-03')).toBe('2026-10-13')
  })
  it('skips an ordinary weekend', () => {
    expect(caseDueDate('2026-11-27')).toBe('2026-12-04') // Friday → next Friday
  })
  it('takes a county override (a local day off)', () => {
    expect(caseDueDate('2026-11-27', new Map([['2026-12-01', false]]))).toBe('2026-12-07')
  })
})

describe('overdue and near deadline', () => {
  const c = { receivedOn: '2026-11-02', dueOn: '2026-11-09', repliedOn: null }
  it('is overdue after the due date unanswered, or answered late', () => {
    expect(isOverdue(c, '2026-11-09')).toBe(false)
    expect(isOverdue(c, '2026-11-10')).toBe(true)
    expect(isOverdue({ ...c, repliedOn: '2026-11-09' }, '2026-12-01')).toBe(false)
    expect(isOverdue({ ...c, repliedOn: '2026-11-10' }, '2026-12-01')).toBe(true)
  })
  it('is near its deadline within two days, unanswered', () => {
    expect(isNearDeadline(c, '2026-11-07')).toBe(true)
    expect(isNearDeadline(c, '2026-11-06')).toBe(false)
    expect(isNearDeadline({ ...c, repliedOn: '2026-11-08' }, '2026-11-08')).toBe(false)
    expect(isNearDeadline(c, '2026-11-10')).toBe(false)
  })
})

describe('within-deadline rate', () => {
  const due = '2026-11-09'
  it('counts answered cases and unanswered ones past due; open ones before their due date wait', () => {
    const cases = [
      { receivedOn: '2026-11-02', dueOn: due, repliedOn: '2026-11-05' }, // within
      { receivedOn: '2026-11-02', dueOn: due, repliedOn: '2026-11-09' }, // within (on the day)
      { receivedOn: '2026-11-02', dueOn: due, repliedOn: '2026-11-10' }, // late
      { receivedOn: '2026-11-02', dueOn: due, repliedOn: null }, // open: late after the 9th
    ]
    expect(withinDeadline(cases, '2026-11-09')).toEqual({ counted: 3, within: 2, rate: 66.67 })
    expect(withinDeadline(cases, '2026-11-10')).toEqual({ counted: 4, within: 2, rate: 50 })
  })
  it('has no rate when nothing is counted', () => {
    expect(withinDeadline([], '2026-11-10').rate).toBeNull()
  })
})

describe('steps', () => {
  const base = { status: 'ASSIGNED' as const, reply: null, receivedOn: '2026-11-02' }
  it('refuses closing without a reply, replying before assignment, anything on a closed case', () => {
    expect(stepProblem('close', base)).toBe('cases.errors.noReply')
    expect(stepProblem('close', { ...base, status: 'REPLIED', reply: '已答复' })).toBeNull()
    expect(stepProblem('reply', { ...base, status: 'RECEIVED' })).toBe('cases.errors.notAssigned')
    expect(stepProblem('assign', { ...base, status: 'CLOSED' })).toBe('cases.errors.closed')
    expect(stepProblem('reply', base, '2026-11-01')).toBe('cases.errors.beforeReceipt')
  })
})
