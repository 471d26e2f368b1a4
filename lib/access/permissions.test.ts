import { describe, expect, it } from 'vitest'
import { ACTIONS, can, inScope, regionScope, registerScope, scopeWhere, type Action, type Subject } from './permissions'
import { ROLE_REGION_LEVELS, ROLES } from './roles'

// A little tree: county 1 > townships 10, 20 > villages 11 (in 10), 21 (in 20) > group 111 (in 11).
const county = { id: 1, ancestorIds: [] }
const township10 = { id: 10, ancestorIds: [1] }
const township20 = { id: 20, ancestorIds: [1] }
const village11 = { id: 11, ancestorIds: [1, 10] }
const village21 = { id: 21, ancestorIds: [1, 20] }
const group111 = { id: 111, ancestorIds: [1, 10, 11] }
const otherCounty = { id: 2, ancestorIds: [] }
const otherCountyVillage = { id: 201, ancestorIds: [2, 200] }

const homeAt: Record<'COUNTY' | 'TOWNSHIP' | 'VILLAGE', { id: number; ancestorIds: number[] }> = { COUNTY: county, TOWNSHIP: township10, VILLAGE: village11 }

const UNIT = ['report.unit'] as const
const expectedActions: Record<string, Action[]> = {
  // supplies: a village officer gives out and counts at their own room
  VILLAGE_OFFICER: [
    'dashboard.view',
    'register.view',
    'register.edit',
    'register.revealId',
    'register.export',
    'report.view',
    'service.view',
    'service.record',
    'work.view',
    'work.task.report',
    'supply.view',
    'supply.dispense',
    'benefit.view',
    'benefit.apply',
  ],
  TOWNSHIP_STAFF: [
    'dashboard.view',
    'region.view',
    'register.view',
    'register.edit',
    'register.revealId',
    'register.export',
    'register.review',
    'report.view',
    'report.prepare',
    'report.sign',
    ...UNIT,
    'service.view',
    'service.families',
    'service.station.manage',
    'service.childcare',
    // a township sees its own place once a run is published
    'assessment.view',
    // and works on its own rectification items once an inspection's result is published
    'assessment.rectify',
    // staff issue tasks to villages, report their own, receive and answer cases
    'work.view',
    'work.task.assign',
    'work.task.report',
    'case.view',
    'case.receive',
    'case.handle',
    // a township manages its station's and rooms' stock
    'supply.view',
    'supply.dispense',
    'supply.manage',
    // benefits: the township applies for its villages and does 受理 调查 评议 公示
    'benefit.view',
    'benefit.apply',
    'benefit.process',
  ],
  // the leader signs agreements with the villages
  TOWNSHIP_LEADER: [
    'dashboard.view',
    'region.view',
    'register.view',
    'report.view',
    'report.sign',
    ...UNIT,
    'service.view',
    'assessment.view',
    'assessment.rectify',
    'work.view',
    'work.agreement.manage',
    'work.task.assign',
    'work.task.report',
    'case.view',
    'case.handle',
    'supply.view',
    'benefit.view',
    'benefit.approve',
  ],
  // county officials run assessments (values, runs, adjustments, vetoes, publication)
  COUNTY_OFFICIAL: [
    'dashboard.view',
    'region.view',
    'register.view',
    'report.view',
    'report.prepare',
    'report.sign',
    'report.approve',
    ...UNIT,
    'report.monitor',
    'service.view',
    'assessment.run',
    'assessment.view',
    // and inspect (in the teams they are put in) and verify samples
    'assessment.inspect',
    'assessment.sample',
    'work.view',
    'work.agreement.manage',
    'work.task.assign',
    'case.view',
    'case.receive',
    'case.handle',
    // the county allocates supplies to its township stations and reads every ledger
    'supply.view',
    'supply.allocate',
    // benefits: 复核 审批 录入 of the county's programs
    'benefit.view',
    'benefit.approve',
  ],
  // a county's administrator configures the county's reports and assessment schemes; a township's does not
  'ADMIN@COUNTY': [
    'region.view',
    'region.manage',
    'region.setup',
    'user.view',
    'user.manage',
    'audit.view',
    'report.configure',
    'region.change',
    'service.catalogue',
    'service.station.manage',
    'service.childcare',
    'assessment.configure',
    'assessment.view',
    // programs, not people: the administrator sees no application
    'benefit.configure',
    'case.departments',
    'work.configure',
  ],
  'ADMIN@TOWNSHIP': ['region.view', 'region.manage', 'user.view', 'user.manage', 'audit.view', 'service.station.manage', 'service.childcare'],
  INSPECTOR: [
    'dashboard.view',
    'region.view',
    'register.view',
    'report.view',
    ...UNIT,
    'report.monitor',
    'assessment.view',
    'assessment.inspect',
    'assessment.sample',
    'service.view',
  ],
  TOWNSHIP_SERVICE_STAFF: [
    'dashboard.view',
    'region.view',
    'register.view',
    'service.view',
    'service.record',
    'service.sensitive',
    'service.families',
    'supply.view',
    'supply.dispense',
    'supply.manage',
  ],
}

describe('can()', () => {
  for (const role of ROLES) {
    for (const level of ROLE_REGION_LEVELS[role]) {
      if (level === 'GROUP') throw new Error('no fixture for a user at a group')
      const key = ROLE_REGION_LEVELS[role].length > 1 ? `${role}@${level}` : role
      const home = homeAt[level]
      const subject: Subject = { id: 1, role, regionId: home.id, regionLevel: level }
      it(`${key}: grants exactly its actions`, () => {
        expect(ACTIONS.filter((a) => can(subject, a))).toEqual(ACTIONS.filter((a) => expectedActions[key].includes(a)))
      })
      it(`${key}: no action outside its region`, () => {
        const outside = [otherCounty, otherCountyVillage]
        // Below the county a sibling township (or a village of it) is outside too, and so is the county.
        if (level !== 'COUNTY') outside.push(county, township20, village21)
        for (const region of outside) for (const action of ACTIONS) expect(can(subject, action, region)).toBe(false)
      })
      it(`${key}: its actions hold inside its region, down to the groups`, () => {
        for (const action of expectedActions[key]) {
          expect(can(subject, action, home)).toBe(true)
          expect(can(subject, action, group111)).toBe(true)
        }
      })
    }
  }

  it('a grant limited to some levels holds nowhere else, whatever the role', () => {
    const townshipAdmin: Subject = { id: 1, role: 'ADMIN', regionId: 10, regionLevel: 'TOWNSHIP' }
    expect(can(townshipAdmin, 'report.configure')).toBe(false)
    expect(can(townshipAdmin, 'report.configure', village11)).toBe(false)
    // a role at a level ROLE_REGION_LEVELS does not allow (bad data) still gets no level-limited grant
    const strayOfficial: Subject = { id: 1, role: 'COUNTY_OFFICIAL', regionId: 10, regionLevel: 'TOWNSHIP' }
    expect(can(strayOfficial, 'report.approve')).toBe(false)
    expect(can(strayOfficial, 'report.monitor')).toBe(false)
    const strayOfficer: Subject = { id: 1, role: 'TOWNSHIP_STAFF', regionId: 11, regionLevel: 'VILLAGE' }
    expect(can(strayOfficer, 'report.prepare')).toBe(false)
    expect(can(strayOfficer, 'report.unit')).toBe(false)
  })
})

describe('bulk export of residents’ rows', () => {
  it('only the roles that maintain the register may export people', () => {
    const subjects = ROLES.flatMap((role) => ROLE_REGION_LEVELS[role].map((level) => ({ id: 1, role, regionId: 10, regionLevel: level })))
    const exporters = subjects.filter((s) => can(s, 'register.export'))
    expect([...new Set(exporters.map((s) => s.role))]).toEqual(['VILLAGE_OFFICER', 'TOWNSHIP_STAFF'])
    for (const s of exporters) expect(can(s, 'register.edit')).toBe(true)
  })
})

describe('sensitive services', () => {
  it('only township service staff, in their township, record or see them', () => {
    const subjects = ROLES.flatMap((role) => ROLE_REGION_LEVELS[role].map((level) => ({ id: 1, role, regionId: 10, regionLevel: level })))
    expect([...new Set(subjects.filter((s) => can(s, 'service.sensitive')).map((s) => s.role))]).toEqual(['TOWNSHIP_SERVICE_STAFF'])
    const stray: Subject = { id: 1, role: 'TOWNSHIP_SERVICE_STAFF', regionId: 1, regionLevel: 'COUNTY' }
    expect(can(stray, 'service.sensitive')).toBe(false)
  })
})

describe('inScope()', () => {
  it('includes the region itself and everything below it', () => {
    const subject: Subject = { id: 1, role: 'TOWNSHIP_STAFF', regionId: 10, regionLevel: 'TOWNSHIP' }
    expect(inScope(subject, township10)).toBe(true)
    expect(inScope(subject, village11)).toBe(true)
    expect(inScope(subject, group111)).toBe(true)
  })
  it('excludes parents and siblings', () => {
    const subject: Subject = { id: 1, role: 'TOWNSHIP_STAFF', regionId: 10, regionLevel: 'TOWNSHIP' }
    expect(inScope(subject, county)).toBe(false)
    expect(inScope(subject, township20)).toBe(false)
    expect(inScope(subject, village21)).toBe(false)
  })
})

describe('region filter for reads', () => {
  it('matches the region and its descendants through the indexed ancestor list', () => {
    expect(regionScope({ id: 5, role: 'VILLAGE_OFFICER', regionId: 11, regionLevel: 'VILLAGE' })).toEqual({ OR: [{ id: 11 }, { ancestorIds: { has: 11 } }] })
  })
  it('scopes any model through its region relation', () => {
    expect(scopeWhere({ id: 5, role: 'COUNTY_OFFICIAL', regionId: 1, regionLevel: 'COUNTY' })).toEqual({
      region: { OR: [{ id: 1 }, { ancestorIds: { has: 1 } }] },
    })
  })
})

describe('register filter', () => {
  it('uses the column of the subject’s own level', () => {
    expect(registerScope({ id: 1, role: 'COUNTY_OFFICIAL', regionId: 1, regionLevel: 'COUNTY' })).toEqual({ countyId: 1 })
    expect(registerScope({ id: 1, role: 'TOWNSHIP_STAFF', regionId: 10, regionLevel: 'TOWNSHIP' })).toEqual({ townshipId: 10 })
    expect(registerScope({ id: 1, role: 'VILLAGE_OFFICER', regionId: 11, regionLevel: 'VILLAGE' })).toEqual({ villageId: 11 })
    expect(registerScope({ id: 1, role: 'VILLAGE_OFFICER', regionId: 111, regionLevel: 'GROUP' })).toEqual({ groupId: 111 })
  })
})
