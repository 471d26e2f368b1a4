// The demo county's four benefit programs, as data (docs/decisions/00NN-benefit-programs.md).
// Shared by the demo generator and the tests (tests/factories/benefits.ts). Amounts are yuan a
// person a year (or once); the rules read the register, declarations carry what it cannot know.
import type { DbClient } from '@/lib/server/db'
import type { Rule } from '@/lib/benefits/rules'
import { DEFAULT_STEP_DAYS } from '@/lib/benefits/rules'

interface CategorySpec {
  code: string
  nameZh: string
  nameEn: string
  condition: Rule | null
  standards: { validFrom: string; validTo: string | null; yuan: number }[]
}
interface ProgramSpec {
  code: string
  nameZh: string
  nameEn: string
  approvingLevel: 'COUNTY' | 'TOWNSHIP'
  applicant: 'SELF' | 'PARENT'
  rules: Rule
  amountKind: 'ANNUAL' | 'ONE_OFF'
  paymentCycle: 'ANNUAL' | 'QUARTERLY' | 'MONTHLY'
  proRating: 'NONE' | 'MONTHS'
  fund: [number, number, number]
  categories: CategorySpec[]
}

const RURAL: Rule = { kind: 'hukou', type: 'AGRICULTURAL' }
const URBAN: Rule = { kind: 'hukou', type: 'NON_AGRICULTURAL' }
const BEREAVED: Rule = { kind: 'all', rules: [{ kind: 'childDied' }, { kind: 'livingChildren', max: 0 }] }
const DISABLED: Rule = { kind: 'childDisability', maxGrade: 3 }

export const DEMO_PROGRAMS: ProgramSpec[] = [
  {
    code: 'REWARD',
    nameZh: '农村部分计划生育家庭奖励扶助',
    nameEn: 'Reward and assistance for rural family-planning families',
    approvingLevel: 'COUNTY',
    applicant: 'SELF',
    rules: { kind: 'all', rules: [{ kind: 'age', min: 60, on: '12-31' }, RURAL, { kind: 'inCounty' }, { kind: 'declaration', key: 'familyPlanningFamily' }] },
    amountKind: 'ANNUAL',
    paymentCycle: 'ANNUAL',
    proRating: 'NONE',
    fund: [80, 10, 10],
    categories: [
      {
        code: 'STANDARD',
        nameZh: '奖励扶助',
        nameEn: 'Reward and assistance',
        condition: null,
        standards: [{ validFrom: '2012-01-01', validTo: null, yuan: 960 }],
      },
    ],
  },
  {
    code: 'SPECIAL',
    nameZh: '计划生育家庭特别扶助',
    nameEn: 'Special assistance for family-planning families',
    approvingLevel: 'COUNTY',
    applicant: 'SELF',
    rules: { kind: 'all', rules: [{ kind: 'inCounty' }, { kind: 'motherAge', min: 49, on: '12-31' }, { kind: 'any', rules: [BEREAVED, DISABLED] }] },
    amountKind: 'ANNUAL',
    paymentCycle: 'MONTHLY',
    proRating: 'MONTHS',
    fund: [80, 10, 10],
    categories: [
      {
        code: 'BEREAVED_URBAN',
        nameZh: '死亡家庭（城镇）',
        nameEn: 'Bereaved family (urban)',
        condition: { kind: 'all', rules: [BEREAVED, URBAN] },
        standards: [{ validFrom: '2021-01-01', validTo: null, yuan: 7080 }],
      },
      {
        code: 'BEREAVED_RURAL',
        nameZh: '死亡家庭（农村）',
        nameEn: 'Bereaved family (rural)',
        condition: { kind: 'all', rules: [BEREAVED, RURAL] },
        standards: [{ validFrom: '2021-01-01', validTo: null, yuan: 5520 }],
      },
      {
        code: 'DISABLED_URBAN',
        nameZh: '伤残家庭（城镇）',
        nameEn: 'Family of a disabled child (urban)',
        condition: { kind: 'all', rules: [DISABLED, URBAN] },
        standards: [{ validFrom: '2021-01-01', validTo: null, yuan: 5640 }],
      },
      {
        code: 'DISABLED_RURAL',
        nameZh: '伤残家庭（农村）',
        nameEn: 'Family of a disabled child (rural)',
        condition: { kind: 'all', rules: [DISABLED, RURAL] },
        standards: [{ validFrom: '2021-01-01', validTo: null, yuan: 4320 }],
      },
    ],
  },
  {
    code: 'CHILDCARE',
    nameZh: '育儿补贴',
    nameEn: 'Childcare subsidy',
    approvingLevel: 'COUNTY',
    applicant: 'PARENT',
    rules: { kind: 'all', rules: [{ kind: 'age', max: 2, on: '01-01' }, { kind: 'inCounty' }] },
    amountKind: 'ANNUAL',
    paymentCycle: 'ANNUAL',
    proRating: 'MONTHS',
    fund: [100, 0, 0],
    categories: [
      {
        code: 'CHILD',
        nameZh: '3周岁以下婴幼儿',
        nameEn: 'Child under 3',
        condition: null,
        standards: [{ validFrom: '2025-01-01', validTo: null, yuan: 3600 }],
      },
    ],
  },
  {
    code: 'ELDER_ONEOFF',
    nameZh: '农村独生子女父母一次性养老补助',
    nameEn: 'One-off old-age grant for rural one-child parents',
    approvingLevel: 'TOWNSHIP',
    applicant: 'SELF',
    rules: { kind: 'all', rules: [{ kind: 'age', min: 60, on: '12-31' }, RURAL, { kind: 'inCounty' }, { kind: 'declaration', key: 'familyPlanningFamily' }] },
    amountKind: 'ONE_OFF',
    paymentCycle: 'ANNUAL',
    proRating: 'NONE',
    fund: [0, 0, 100],
    categories: [
      { code: 'ONCE', nameZh: '一次性补助', nameEn: 'One-off grant', condition: null, standards: [{ validFrom: '2018-01-01', validTo: null, yuan: 1000 }] },
    ],
  },
]

/** Creates the programs in a county; returns their ids and category ids by code. */
export async function installBenefitPrograms(client: DbClient, countyId: number, specs: ProgramSpec[] = DEMO_PROGRAMS) {
  const out = new Map<string, { id: number; categories: Map<string, number> }>()
  for (const p of specs) {
    const program = await client.benefitProgram.create({
      data: {
        countyId,
        code: p.code,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        approvingLevel: p.approvingLevel,
        applicant: p.applicant,
        rules: p.rules as object,
        amountKind: p.amountKind,
        paymentCycle: p.paymentCycle,
        proRating: p.proRating,
        fundCentral: p.fund[0],
        fundProvincial: p.fund[1],
        fundCounty: p.fund[2],
        stepDays: DEFAULT_STEP_DAYS,
      },
    })
    const categories = new Map<string, number>()
    for (const [i, c] of p.categories.entries()) {
      const category = await client.benefitCategory.create({
        data: {
          programId: program.id,
          code: c.code,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          condition: (c.condition ?? undefined) as object | undefined,
          sortOrder: i,
          standards: {
            create: c.standards.map((s) => ({
              validFrom: new Date(`${s.validFrom}T00:00:00Z`),
              validTo: s.validTo ? new Date(`${s.validTo}T00:00:00Z`) : null,
              amountCents: s.yuan * 100,
            })),
          },
        },
      })
      categories.set(c.code, category.id)
    }
    out.set(p.code, { id: program.id, categories })
  }
  return out
}
