import { describe, expect, it } from 'vitest'
import { createTypeSchema, recordActivitySchema, recordServiceSchema } from './schemas'

const service = { personId: '3', typeId: '2', servedOn: '2025-05-01', stationId: '7', staffName: '冯桂兰', outcome: '正常', followUpOn: '' }

describe('service record forms', () => {
  it('an empty file input is "no attachment", whatever name the browser gives the empty file', () => {
    for (const empty of [new File([], ''), new File([], 'blob'), '']) {
      const parsed = recordServiceSchema.safeParse({ ...service, attachment: empty })
      expect(parsed.success).toBe(true)
      expect(parsed.data?.attachment).toBeUndefined()
    }
    const file = new File([new Uint8Array([1, 2, 3])], 'scan.pdf')
    expect(recordServiceSchema.parse({ ...service, attachment: file }).attachment).toBe(file)
  })
  it('empty fields are "not given", never 0; an attendance must be a whole number', () => {
    const parsed = recordServiceSchema.parse({ ...service, consentBy: '', consentOn: '', consentMethod: '', consentName: '' })
    expect(parsed).toMatchObject({ followUpOn: undefined, consentBy: undefined, consentOn: undefined, consentMethod: undefined, consentName: undefined })
    const activity = { ...service, title: '讲座', place: '村委会', villageId: '' }
    expect(recordActivitySchema.safeParse({ ...activity, attendance: '三十' }).success).toBe(false)
    expect(recordActivitySchema.safeParse({ ...activity, attendance: '' }).success).toBe(false)
    expect(recordActivitySchema.parse({ ...activity, attendance: '30' })).toMatchObject({ attendance: 30, villageId: undefined, attendeeIds: [] })
  })
  it('the station is chosen from the list: none chosen is required', () => {
    expect(recordServiceSchema.safeParse({ ...service, stationId: '' }).error?.issues[0]).toMatchObject({ path: ['stationId'], message: 'errors.required' })
    expect(recordServiceSchema.parse(service).stationId).toBe(7)
  })
  it("a group activity's attendees: ids without repeats, no more than the attendance", () => {
    const activity = { ...service, title: '讲座', place: '村委会', villageId: '', attendance: '2' }
    expect(recordActivitySchema.parse({ ...activity, attendeeIds: '5,6,5' }).attendeeIds).toEqual([5, 6])
    expect(recordActivitySchema.safeParse({ ...activity, attendeeIds: '5,x' }).success).toBe(false)
    expect(recordActivitySchema.safeParse({ ...activity, attendeeIds: '5,6,7' }).error?.issues[0].message).toBe('stations.errors.attendeesAboveAttendance')
  })
})

describe('service type form', () => {
  const type = { code: 'child_check', nameZh: '儿童检查', nameEn: 'Child check', deliveredBy: 'VILLAGE_OFFICER', target: 'PERSON', schedule: 'CHILD_AGES' }
  it('reads the schedule values, upper-cases the code, and requires values where the schedule needs them', () => {
    expect(createTypeSchema.parse({ ...type, scheduleValues: '12, 1，3、6,3' })).toMatchObject({
      code: 'CHILD_CHECK',
      scheduleValues: [1, 3, 6, 12],
      sensitive: false,
    })
    expect(createTypeSchema.safeParse({ ...type, scheduleValues: '' }).error?.issues[0].message).toBe('services.errors.scheduleNeedsValues')
    expect(createTypeSchema.safeParse({ ...type, scheduleValues: '1;3' }).error?.issues[0].message).toBe('services.errors.scheduleValues')
    expect(createTypeSchema.safeParse({ ...type, code: '9abc', scheduleValues: '1' }).error?.issues[0].message).toBe('services.errors.code')
    expect(createTypeSchema.safeParse({ ...type, target: 'GROUP', scheduleValues: '1' }).error?.issues[0].message).toBe('services.errors.groupNoSchedule')
    expect(createTypeSchema.parse({ ...type, schedule: 'NONE', scheduleValues: '', sensitive: 'on' }).sensitive).toBe(true)
  })
})
