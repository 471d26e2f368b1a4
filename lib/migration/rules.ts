import { daysBetween } from '@/lib/dates'

// Pure migrant-service rules: the state of an information exchange, and the province of a place.

/** A notice unanswered more than this many days after it was sent is overdue. */
export const OVERDUE_AFTER_DAYS = 30

export type ExchangeStatus = 'sent' | 'answered' | 'overdue'

/** sent / answered / overdue, on `today` (yyyy-mm-dd). Computed, never stored. */
export function exchangeStatus(exchange: { sentOn: string; answeredOn: string | null }, today: string): ExchangeStatus {
  if (exchange.answeredOn) return 'answered'
  return daysBetween(exchange.sentOn, today) > OVERDUE_AFTER_DAYS ? 'overdue' : 'sent'
}

/** The last sentOn date that is overdue on `today`: anything sent before the day after it. */
export function overdueSentBefore(today: string): string {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - OVERDUE_AFTER_DAYS)
  return d.toISOString().slice(0, 10)
}

/** The 34 provincial-level divisions: full name and the short form people also write. */
const PROVINCES: readonly (readonly [full: string, short: string])[] = [
  ['北京市', '北京'],
  ['天津市', '天津'],
  ['上海市', '上海'],
  ['重庆市', '重庆'],
  ['河北省', '河北'],
  ['山西省', '山西'],
  ['辽宁省', '辽宁'],
  ['吉林省', '吉林'],
  ['黑龙江省', '黑龙江'],
  ['江苏省', '江苏'],
  ['浙江省', '浙江'],
  ['安徽省', '安徽'],
  ['福建省', '福建'],
  ['江西省', '江西'],
  ['山东省', '山东'],
  ['河南省', '河南'],
  ['湖北省', '湖北'],
  ['湖南省', '湖南'],
  ['广东省', '广东'],
  ['海南省', '海南'],
  ['四川省', '四川'],
  ['贵州省', '贵州'],
  ['云南省', '云南'],
  ['陕西省', '陕西'],
  ['甘肃省', '甘肃'],
  ['青海省', '青海'],
  ['台湾省', '台湾'],
  ['内蒙古自治区', '内蒙古'],
  ['广西壮族自治区', '广西'],
  ['西藏自治区', '西藏'],
  ['宁夏回族自治区', '宁夏'],
  ['新疆维吾尔自治区', '新疆'],
  ['香港特别行政区', '香港'],
  ['澳门特别行政区', '澳门'],
]

/**
 * The province, municipality or autonomous region a place lies in, from its leading name
 * ("河北省沧州市吴桥县" → "河北省", "北京朝阳区" → "北京市"), or null when the text does not start
 * with one. 海南藏族自治州 is in 青海, not 海南省, so it is not read as 海南.
 */
export function provinceOf(place: string | null | undefined): string | null {
  if (!place) return null
  const text = place
    .trim()
    .replace(/^中国|^中华人民共和国/, '')
    .trim()
  for (const [full] of PROVINCES) {
    if (text.startsWith(full)) return full
  }
  for (const [full, short] of PROVINCES) {
    if (!text.startsWith(short)) continue
    if (short === '海南' && /^海南(藏族|州)/.test(text)) return null
    return full
  }
  return null
}
