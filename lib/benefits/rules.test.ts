import { describe, expect, it } from 'vitest'
import {
  ageWindow,
  amountForYear,
  birthBounds,
  categoryFor,
  evaluate,
  fundingProblem,
  mayQualify,
  monthsInYear,
  nextStep,
  noticeBlock,
  noticeEnd,
  noticeFieldsOf,
  overlappingStandard,
  ruleSchema,
  splitFunding,
  standardOn,
  statusBefore,
  stepActor,
  type PersonFacts,
  type Rule,
} from './rules'

const base: PersonFacts = {
  personId: 1,
  sex: 'FEMALE',
  birthDate: '1964-07-01',
  alive: true,
  inCounty: true,
  ruralHukou: true,
  livingChildren: 2,
  deadChildren: 0,
  motherBirthDate: '1964-07-01',
}

describe('each rule kind explains itself', () => {
  it('age on a date in the year reads the age it computed', () => {
    const rule: Rule = { kind: 'age', min: 60, on: '12-31' }
    expect(evaluate(rule, base, 2024)).toMatchObject({ met: true, read: '60', wants: '≥ 60 @ 2024-12-31' })
    expect(evaluate(rule, base, 2023)).toMatchObject({ met: false, read: '59' })
    expect(evaluate({ kind: 'age', max: 2, on: '01-01' }, { ...base, birthDate: '2022-06-15' }, 2025)).toMatchObject({ met: true, read: '2' })
    expect(evaluate({ kind: 'age', max: 2, on: '01-01' }, { ...base, birthDate: '2022-01-01' }, 2025)).toMatchObject({ met: false, read: '3' })
    // born during the year: under any maximum on its first day
    expect(evaluate({ kind: 'age', max: 2, on: '01-01' }, { ...base, birthDate: '2025-03-15' }, 2025)).toMatchObject({ met: true, read: '0' })
    expect(evaluate({ kind: 'age', min: 60, on: '01-01' }, { ...base, birthDate: '2025-03-15' }, 2025).met).toBe(false)
  })
  it('sex', () => {
    expect(evaluate({ kind: 'sex', sex: 'FEMALE' }, base, 2024)).toMatchObject({ met: true, read: 'FEMALE' })
    expect(evaluate({ kind: 'sex', sex: 'MALE' }, base, 2024)).toMatchObject({ met: false, read: 'FEMALE', wants: 'MALE' })
  })
  it('hukou type', () => {
    expect(evaluate({ kind: 'hukou', type: 'AGRICULTURAL' }, base, 2024)).toMatchObject({ met: true, read: 'AGRICULTURAL' })
    expect(evaluate({ kind: 'hukou', type: 'AGRICULTURAL' }, { ...base, ruralHukou: false }, 2024)).toMatchObject({ met: false, read: 'NON_AGRICULTURAL' })
  })
  it('residence in the county (alive, not moved out, not away)', () => {
    expect(evaluate({ kind: 'inCounty' }, base, 2024)).toMatchObject({ met: true, read: 'IN_COUNTY' })
    expect(evaluate({ kind: 'inCounty' }, { ...base, inCounty: false }, 2024)).toMatchObject({ met: false, read: 'AWAY' })
    expect(evaluate({ kind: 'inCounty' }, { ...base, alive: false }, 2024)).toMatchObject({ met: false, read: 'DEAD' })
  })
  it('number of living children', () => {
    expect(evaluate({ kind: 'livingChildren', max: 0 }, base, 2024)).toMatchObject({ met: false, read: '2', wants: '≤ 0' })
    expect(evaluate({ kind: 'livingChildren', min: 1, max: 2 }, base, 2024)).toMatchObject({ met: true, wants: '1–2' })
  })
  it('a child who died: from the register, or declared with evidence', () => {
    expect(evaluate({ kind: 'childDied' }, { ...base, deadChildren: 1 }, 2024)).toMatchObject({ met: true, read: '1' })
    expect(evaluate({ kind: 'childDied' }, base, 2024)).toMatchObject({ met: false, read: '0' })
    expect(evaluate({ kind: 'childDied' }, base, 2024, { onlyChildDied: { value: 'yes', evidence: '死亡证明 2001' } })).toMatchObject({
      met: true,
      read: 'declared (死亡证明 2001)',
    })
    expect(evaluate({ kind: 'childDied' }, base, 2024, { onlyChildDied: { value: 'yes', evidence: '' } }).met).toBe(false)
  })
  it('a disability grade of a child: a declaration with evidence, grade within the rule', () => {
    const rule: Rule = { kind: 'childDisability', maxGrade: 3 }
    expect(evaluate(rule, base, 2024)).toMatchObject({ met: false, read: '—' })
    expect(evaluate(rule, base, 2024, { childDisabilityGrade: { value: '2', evidence: '残疾证 37142219' } })).toMatchObject({
      met: true,
      read: '2 (残疾证 37142219)',
    })
    expect(evaluate(rule, base, 2024, { childDisabilityGrade: { value: '4', evidence: '残疾证' } }).met).toBe(false)
    expect(evaluate(rule, base, 2024, { childDisabilityGrade: { value: '2', evidence: '' } }).met).toBe(false)
  })
  it("mother's age", () => {
    expect(evaluate({ kind: 'motherAge', min: 49, on: '12-31' }, base, 2013)).toMatchObject({ met: true, read: '49' })
    expect(evaluate({ kind: 'motherAge', min: 49, on: '12-31' }, base, 2012)).toMatchObject({ met: false, read: '48' })
    expect(evaluate({ kind: 'motherAge', min: 49, on: '12-31' }, { ...base, motherBirthDate: null }, 2024)).toMatchObject({ met: false, read: '—' })
  })
  it('a declaration counts only with evidence', () => {
    const rule: Rule = { kind: 'declaration', key: 'familyPlanningFamily' }
    expect(evaluate(rule, base, 2024).met).toBe(false)
    expect(evaluate(rule, base, 2024, { familyPlanningFamily: { value: 'yes', evidence: '独生子女证' } })).toMatchObject({
      met: true,
      read: 'yes (独生子女证)',
    })
    expect(evaluate(rule, base, 2024, { familyPlanningFamily: { value: 'yes', evidence: '  ' } }).met).toBe(false)
  })
  it('all and any carry their parts', () => {
    const rule: Rule = {
      kind: 'all',
      rules: [
        { kind: 'sex', sex: 'FEMALE' },
        { kind: 'hukou', type: 'NON_AGRICULTURAL' },
      ],
    }
    const check = evaluate(rule, base, 2024)
    expect(check).toMatchObject({ met: false, read: '1/2' })
    expect(check.parts?.map((p) => p.met)).toEqual([true, false])
    expect(evaluate({ kind: 'any', rules: rule.kind === 'all' ? rule.rules : [] }, base, 2024).met).toBe(true)
  })
  it('the schema refuses an unknown kind and a malformed date', () => {
    expect(ruleSchema.safeParse({ kind: 'income', max: 1 }).success).toBe(false)
    expect(ruleSchema.safeParse({ kind: 'age', min: 60, on: '13-01' }).success).toBe(false)
    expect(ruleSchema.safeParse({ kind: 'all', rules: [{ kind: 'age', min: 60, on: '12-31' }, { kind: 'inCounty' }] }).success).toBe(true)
  })
})

describe('outreach: what the register alone says', () => {
  const special: Rule = {
    kind: 'all',
    rules: [
      { kind: 'motherAge', min: 49, on: '12-31' },
      { kind: 'any', rules: [{ kind: 'childDied' }, { kind: 'childDisability', maxGrade: 3 }] },
    ],
  }
  it('assumes a declaration possible but not a failed register condition', () => {
    expect(mayQualify(special, base, 2024)).toBe(true)
    expect(mayQualify(special, { ...base, motherBirthDate: '1990-01-01' }, 2024)).toBe(false)
  })
  it('birth-date bounds for the pre-filter', () => {
    expect(birthBounds({ kind: 'all', rules: [{ kind: 'age', min: 60, on: '12-31' }, { kind: 'inCounty' }] }, 2024)).toEqual({ bornBy: '1964-12-31' })
    expect(birthBounds({ kind: 'age', max: 2, on: '01-01' }, 2025)).toEqual({ bornFrom: '2022-01-02' })
  })
})

describe('categories', () => {
  const cats = [
    { id: 2, sortOrder: 2, condition: { kind: 'hukou', type: 'NON_AGRICULTURAL' } as Rule },
    { id: 1, sortOrder: 1, condition: { kind: 'hukou', type: 'AGRICULTURAL' } as Rule },
  ]
  it('the first whose condition holds', () => {
    expect(categoryFor(cats, base, 2024)?.id).toBe(1)
    expect(categoryFor(cats, { ...base, ruralHukou: false }, 2024)?.id).toBe(2)
    expect(categoryFor([{ id: 9, sortOrder: 0, condition: null }], base, 2024)?.id).toBe(9)
  })
})

describe('standards with effective dates', () => {
  const standards = [
    { id: 1, validFrom: '2020-01-01', validTo: '2024-07-01', amountCents: 72000 },
    { id: 2, validFrom: '2024-07-01', validTo: null, amountCents: 96000 },
  ]
  it('refuses an overlapping period, accepts an adjacent one', () => {
    expect(overlappingStandard(standards, { validFrom: '2024-01-01', validTo: null })?.id).toBe(1)
    expect(overlappingStandard([standards[0]], { validFrom: '2024-07-01', validTo: null })).toBeNull()
    expect(overlappingStandard([standards[0]], { validFrom: '2019-01-01', validTo: '2020-01-01' })).toBeNull()
    expect(overlappingStandard([], { validFrom: '2024-01-01', validTo: '2024-01-01' })).not.toBeNull()
  })
  it('the standard in force on a date', () => {
    expect(standardOn(standards, '2024-06-30')?.id).toBe(1)
    expect(standardOn(standards, '2024-07-01')?.id).toBe(2)
    expect(standardOn(standards, '2019-12-31')).toBeNull()
  })
  it('a standard changing mid-year counts by month', () => {
    // six months at 720 and six at 960: 360 + 480 = 840 yuan
    expect(amountForYear(standards, 2024, { from: '1960-01-01', to: null }, 'MONTHS')).toBe(84000)
    // without pro-rating the year pays the standard in force on its first day
    expect(amountForYear(standards, 2024, { from: '1960-01-01', to: null }, 'NONE')).toBe(72000)
    expect(amountForYear(standards, 2025, { from: '1960-01-01', to: null }, 'NONE')).toBe(96000)
  })
})

describe('pro-rating by month of eligibility (育儿补贴: 3,600 a year under 3)', () => {
  const childcare = [{ id: 1, validFrom: '2025-01-01', validTo: null, amountCents: 360000 }]
  it('a birth in the year counts the birth month onwards', () => {
    const w = ageWindow('2025-03-15', undefined, 2)
    expect(w).toEqual({ from: '2025-03-15', to: '2028-03-15' })
    expect(monthsInYear(2025, w.from, w.to)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(amountForYear(childcare, 2025, w, 'MONTHS')).toBe(300000)
  })
  it('turning 3 mid-year counts the months before the birthday month', () => {
    const w = ageWindow('2022-06-15', undefined, 2)
    expect(monthsInYear(2025, w.from, w.to)).toEqual([1, 2, 3, 4, 5])
    expect(amountForYear(childcare, 2025, w, 'MONTHS')).toBe(150000)
    expect(amountForYear(childcare, 2026, w, 'MONTHS')).toBe(0)
  })
  it('a child born on 1 January of the year gets the full year', () => {
    expect(amountForYear(childcare, 2025, ageWindow('2025-01-01', undefined, 2), 'MONTHS')).toBe(360000)
  })
  it('a child born before the standard existed is paid only from it', () => {
    expect(amountForYear(childcare, 2024, ageWindow('2023-05-10', undefined, 2), 'MONTHS')).toBe(0)
    expect(amountForYear(childcare, 2025, ageWindow('2023-05-10', undefined, 2), 'MONTHS')).toBe(360000)
  })
  it('the county report: 556 people × 960 = 533,760 yuan', () => {
    const reward = [{ id: 1, validFrom: '2012-01-01', validTo: null, amountCents: 96000 }]
    const one = amountForYear(reward, 2024, ageWindow('1950-01-01', 60), 'NONE')
    expect((one * 556) / 100).toBe(533760)
  })
})

describe('funding shares', () => {
  it('must be whole percents summing to 100', () => {
    expect(fundingProblem({ central: 80, provincial: 10, county: 10 })).toBeNull()
    expect(fundingProblem({ central: 80, provincial: 10, county: 5 })).toBe('benefits.errors.fundingSum')
    expect(fundingProblem({ central: 101, provincial: 0, county: -1 })).toBe('benefits.errors.fundingSum')
  })
  it('split parts always sum to the amount', () => {
    expect(splitFunding(96000, { central: 80, provincial: 10, county: 10 })).toEqual({ central: 76800, provincial: 9600, county: 9600 })
    const odd = splitFunding(100, { central: 33, provincial: 33, county: 34 })
    expect(odd.central + odd.provincial + odd.county).toBe(100)
    const third = splitFunding(1001, { central: 50, provincial: 25, county: 25 })
    expect(third).toEqual({ central: 501, provincial: 250, county: 250 })
  })
})

describe('application steps', () => {
  it('move forward one at a time and return one step', () => {
    expect(nextStep('SUBMITTED')).toBe('ACCEPT')
    expect(nextStep('PUBLISHED')).toBe('REVIEW')
    expect(nextStep('APPROVED')).toBe('ENROLL')
    expect(nextStep('ENROLLED')).toBeNull()
    expect(nextStep('REFUSED')).toBeNull()
    expect(statusBefore('INVESTIGATED')).toBe('ACCEPTED')
    expect(statusBefore('SUBMITTED')).toBeNull()
    expect(statusBefore('ENROLLED')).toBeNull()
  })
  it('township steps by the township, review and approval by the approving level', () => {
    expect(stepActor('ACCEPT', 'SUBMITTED', 'COUNTY')).toEqual({ permission: 'benefit.process', level: 'TOWNSHIP' })
    expect(stepActor('APPROVE', 'REVIEWED', 'COUNTY')).toEqual({ permission: 'benefit.approve', level: 'COUNTY' })
    expect(stepActor('RETURN', 'PUBLISHED', 'COUNTY')).toEqual({ permission: 'benefit.approve', level: 'COUNTY' })
    expect(stepActor('REFUSE', 'ACCEPTED', 'COUNTY')).toEqual({ permission: 'benefit.process', level: 'TOWNSHIP' })
  })
  it('公示 blocks while the period runs or an objection is open', () => {
    expect(noticeBlock({ endsOn: '2024-05-07', openObjections: 0, today: '2024-05-07' })).toBe('benefits.errors.noticeRunning')
    expect(noticeBlock({ endsOn: '2024-05-07', openObjections: 0, today: '2024-05-08' })).toBeNull()
    expect(noticeBlock({ endsOn: '2024-05-07', openObjections: 1, today: '2024-06-01' })).toBe('benefits.errors.objectionOpen')
    expect(noticeEnd('2024-05-01', 7)).toBe('2024-05-07')
  })
  it('a notice never shows an ID number, whatever is configured', () => {
    expect(noticeFieldsOf(['name', 'idNumber', 'village'])).toEqual(['name', 'village'])
  })
})
