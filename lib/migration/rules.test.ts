import { describe, expect, it } from 'vitest'
import { exchangeStatus, overdueSentBefore, provinceOf } from './rules'

describe('exchangeStatus', () => {
  const sentOn = '2026-01-01'
  it('is sent while unanswered up to and including 30 days after sending', () => {
    expect(exchangeStatus({ sentOn, answeredOn: null }, '2026-01-01')).toBe('sent')
    expect(exchangeStatus({ sentOn, answeredOn: null }, '2026-01-30')).toBe('sent')
    expect(exchangeStatus({ sentOn, answeredOn: null }, '2026-01-31')).toBe('sent')
  })
  it('is overdue from the 31st day unanswered', () => {
    expect(exchangeStatus({ sentOn, answeredOn: null }, '2026-02-01')).toBe('overdue')
    expect(exchangeStatus({ sentOn, answeredOn: null }, '2026-06-01')).toBe('overdue')
  })
  it('is answered once an answer is recorded, however late', () => {
    expect(exchangeStatus({ sentOn, answeredOn: '2026-05-01' }, '2026-06-01')).toBe('answered')
    expect(exchangeStatus({ sentOn, answeredOn: '2026-01-01' }, '2026-01-01')).toBe('answered')
  })
  it('counts across month and leap-year ends', () => {
    expect(exchangeStatus({ sentOn: '2024-02-01', answeredOn: null }, '2024-03-02')).toBe('sent')
    expect(exchangeStatus({ sentOn: '2024-02-01', answeredOn: null }, '2024-03-03')).toBe('overdue')
  })
  it('gives the sentOn bound the database filter uses, agreeing with the rule', () => {
    expect(overdueSentBefore('2026-01-31')).toBe('2026-01-01')
    // sent on the bound itself: exactly 30 days, not overdue; the day before: overdue
    expect(exchangeStatus({ sentOn: overdueSentBefore('2026-03-15'), answeredOn: null }, '2026-03-15')).toBe('sent')
    expect(exchangeStatus({ sentOn: '2026-02-12', answeredOn: null }, '2026-03-15')).toBe('overdue')
    expect(overdueSentBefore('2026-03-15')).toBe('2026-02-13')
  })
})

describe('provinceOf', () => {
  it.each([
    ['北京市朝阳区', '北京市'],
    ['北京朝阳区', '北京市'],
    ['河北省沧州市吴桥县', '河北省'],
    ['河北沧州', '河北省'],
    ['内蒙古自治区呼和浩特市', '内蒙古自治区'],
    ['内蒙古包头市', '内蒙古自治区'],
    ['广西壮族自治区南宁市', '广西壮族自治区'],
    ['广西桂林', '广西壮族自治区'],
    ['新疆维吾尔自治区乌鲁木齐市', '新疆维吾尔自治区'],
    ['香港特别行政区', '香港特别行政区'],
    ['香港九龙', '香港特别行政区'],
    ['黑龙江省哈尔滨市', '黑龙江省'],
    ['  山西省太原市 ', '山西省'],
    ['陕西省西安市', '陕西省'],
    ['中国上海市浦东新区', '上海市'],
    ['海南省海口市', '海南省'],
  ])('%s → %s', (place, province) => {
    expect(provinceOf(place)).toBe(province)
  })

  it.each([['沧州市吴桥县'], ['外省'], ['不详'], [''], ['   '], ['海南藏族自治州共和县'], ['Beijing']])('unknown: %j', (place) => {
    expect(provinceOf(place)).toBeNull()
  })

  it('is null for no place', () => {
    expect(provinceOf(null)).toBeNull()
    expect(provinceOf(undefined)).toBeNull()
  })
})
