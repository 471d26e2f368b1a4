import { describe, expect, it } from 'vitest'
import { createInstitutionSchema, createStationSchema, recordCheckSchema, stationFilterSchema } from './schemas'

const room = { kind: 'VILLAGE_ROOM', villageId: '12', name: '东街村服务室', address: '村委会', openingHours: '周一至周五' }

describe('station form', () => {
  it('reads staff and equipment one per line (or separated by 、), without empties or repeats; an empty phone is none', () => {
    const parsed = createStationSchema.parse({ ...room, staff: '王红梅\n\n李春燕、王红梅', equipment: ' 血压计 \r\n体重秤', phone: '' })
    expect(parsed).toMatchObject({ staff: ['王红梅', '李春燕'], equipment: ['血压计', '体重秤'], phone: undefined })
  })
  it('a room needs its village; a wrong phone is refused with a message', () => {
    expect(createStationSchema.safeParse({ ...room, villageId: '' }).error?.issues[0]).toMatchObject({
      path: ['villageId'],
      message: 'stations.errors.villageRequired',
    })
    expect(createStationSchema.safeParse({ ...room, phone: '电话' }).error?.issues[0].message).toBe('stations.errors.phone')
    expect(createStationSchema.parse({ ...room, kind: 'TOWNSHIP_STATION', villageId: '' }).villageId).toBeUndefined()
  })
  it('the list filters: anything malformed is no filter', () => {
    expect(stationFilterSchema.parse({ townshipId: 'x', kind: 'HUT', standard: 'maybe', page: '-1' })).toMatchObject({
      townshipId: undefined,
      kind: undefined,
      standard: undefined,
      page: 1,
    })
  })
})

describe('check form', () => {
  it('collects the scores and notes by item; an unscored radio group is an error on its item', () => {
    const parsed = recordCheckSchema.parse({
      stationId: '3',
      checkedOn: '2025-06-01',
      checkedBy: '赵国强',
      'score:10': 'MET',
      'score:11': 'PARTLY',
      'note:11': '待更新',
    })
    expect(parsed.scores).toEqual([
      { itemId: 10, score: 'MET', note: undefined },
      { itemId: 11, score: 'PARTLY', note: '待更新' },
    ])
    const bad = recordCheckSchema.safeParse({ stationId: '3', checkedOn: '2025-06-01', checkedBy: '赵国强', 'score:10': '', 'score:11': 'GREAT' })
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['score:10', 'stations.errors.scoreRequired'],
      ['score:11', 'errors.invalid'],
    ])
  })
  it('an empty photo input is no photo', () => {
    expect(recordCheckSchema.parse({ stationId: '3', checkedOn: '2025-06-01', checkedBy: '赵国强', photo1: new File([], ''), photo2: '' }).photos).toEqual([])
  })
})

describe('childcare form', () => {
  const institution = { name: '阳光托育园', licence: '鲁托备（2024）001号', operator: 'PUBLIC', address: '幸福路1号' }
  it('places in use cannot exceed the places; an empty number is required, not 0', () => {
    expect(createInstitutionSchema.safeParse({ ...institution, places: '30', placesInUse: '31' }).error?.issues[0].message).toBe('stations.errors.placesInUse')
    expect(createInstitutionSchema.safeParse({ ...institution, places: '', placesInUse: '0' }).error?.issues[0].message).toBe('errors.required')
    expect(createInstitutionSchema.parse({ ...institution, places: '30', placesInUse: '0' })).toMatchObject({ places: 30, placesInUse: 0 })
  })
})
