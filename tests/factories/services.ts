import type { PrismaClient } from '@/lib/generated/prisma/client'

// The service catalogue the demo county ships with (issue 11), shared by the demo generator and the tests.

type Client = Pick<PrismaClient, 'serviceType'>

/** The eight types of the demo county: the sensitive ones (reproductive health) need consent. */
export const DEMO_SERVICE_TYPES = [
  {
    code: 'PREMARITAL',
    nameZh: '婚前医学检查',
    nameEn: 'Pre-marital health check',
    deliveredBy: 'TOWNSHIP_SERVICE_STAFF',
    target: 'PERSON',
    schedule: 'BEFORE_MARRIAGE',
    scheduleValues: [],
    sensitive: true,
  },
  {
    code: 'PREPREGNANCY',
    nameZh: '孕前优生健康检查',
    nameEn: 'Pre-pregnancy health check',
    deliveredBy: 'TOWNSHIP_SERVICE_STAFF',
    target: 'PERSON',
    schedule: 'NONE',
    scheduleValues: [],
    sensitive: true,
  },
  {
    code: 'CHILD_CHECK',
    nameZh: '0–6岁儿童健康检查',
    nameEn: 'Child health check (0-6)',
    deliveredBy: 'VILLAGE_OFFICER',
    target: 'PERSON',
    schedule: 'CHILD_AGES',
    scheduleValues: [1, 3, 6, 8, 12, 18, 24, 30, 36, 48, 60, 72],
    sensitive: false,
  },
  {
    code: 'ELDERLY_CARE',
    nameZh: '65岁以上老年人健康管理',
    nameEn: 'Health management for people 65+',
    deliveredBy: 'VILLAGE_OFFICER',
    target: 'PERSON',
    schedule: 'YEARLY_FROM_AGE',
    scheduleValues: [65],
    sensitive: false,
  },
  {
    code: 'SPECIAL_FAMILY',
    nameZh: '计生特殊家庭联系与帮扶',
    nameEn: 'Special-family contact and support',
    deliveredBy: 'VILLAGE_OFFICER',
    target: 'PERSON',
    schedule: 'MONTHLY_SPECIAL_FAMILY',
    scheduleValues: [],
    sensitive: false,
  },
  {
    code: 'FAMILY_DOCTOR',
    nameZh: '家庭医生签约',
    nameEn: 'Family doctor contract',
    deliveredBy: 'VILLAGE_OFFICER',
    target: 'PERSON',
    schedule: 'NONE',
    scheduleValues: [],
    sensitive: false,
  },
  {
    code: 'HEALTH_EDUCATION',
    nameZh: '健康教育活动',
    nameEn: 'Health education activity',
    deliveredBy: 'VILLAGE_OFFICER',
    target: 'GROUP',
    schedule: 'NONE',
    scheduleValues: [],
    sensitive: false,
  },
  {
    code: 'CONTRACEPTION',
    nameZh: '避孕药具咨询与发放',
    nameEn: 'Contraceptive counselling and supplies (on request)',
    deliveredBy: 'TOWNSHIP_SERVICE_STAFF',
    target: 'PERSON',
    schedule: 'NONE',
    scheduleValues: [],
    sensitive: true,
  },
] as const

export type DemoServiceCode = (typeof DEMO_SERVICE_TYPES)[number]['code']

/** Creates the catalogue in a county; returns the type ids by code. */
export async function makeServiceCatalogue(db: Client, countyId: number): Promise<Map<DemoServiceCode, number>> {
  const ids = new Map<DemoServiceCode, number>()
  for (const t of DEMO_SERVICE_TYPES) {
    const row = await db.serviceType.create({ data: { ...t, scheduleValues: [...t.scheduleValues], countyId }, select: { id: true } })
    ids.set(t.code, row.id)
  }
  return ids
}
