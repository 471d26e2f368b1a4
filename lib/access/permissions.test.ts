import { describe, expect, it } from 'vitest'
import { ACTIONS, can, inScope, regionScope, registerScope, scopeWhere, type Action, type Subject } from './permissions'
import { ROLES, type Role } from './roles'

// A little tree: county 1 > townships 10, 20 > villages 11 (in 10), 21 (in 20) > group 111 (in 11).
const county = { id: 1, ancestorIds: [] }
const township10 = { id: 10, ancestorIds: [1] }
const township20 = { id: 20, ancestorIds: [1] }
const village11 = { id: 11, ancestorIds: [1, 10] }
const village21 = { id: 21, ancestorIds: [1, 20] }
const group111 = { id: 111, ancestorIds: [1, 10, 11] }
const otherCounty = { id: 2, ancestorIds: [] }
const otherCountyVillage = { id: 201, ancestorIds: [2, 200] }

const homeOf: Record<Role, number> = {
  VILLAGE_OFFICER: 11,
  TOWNSHIP_STAFF: 10,
  TOWNSHIP_LEADER: 10,
  COUNTY_OFFICIAL: 1,
  ADMIN: 10,
  INSPECTOR: 1,
}

const expectedActions: Record<Role, Action[]> = {
  VILLAGE_OFFICER: ['register.view', 'register.edit', 'register.revealId', 'register.export', 'report.view'],
  TOWNSHIP_STAFF: ['region.view', 'register.view', 'register.edit', 'register.revealId', 'register.export', 'register.review', 'report.view', 'report.prepare', 'report.sign'],
  TOWNSHIP_LEADER: ['region.view', 'register.view', 'report.view', 'report.sign'],
  COUNTY_OFFICIAL: ['region.view', 'register.view', 'report.view', 'report.prepare', 'report.sign', 'report.approve'],
  ADMIN: ['region.view', 'region.manage', 'user.view', 'user.manage', 'audit.view', 'report.configure'],
  INSPECTOR: ['region.view', 'register.view', 'report.view'],
}

describe('can()', () => {
  for (const role of ROLES) {
    const subject: Subject = { id: 1, role, regionId: homeOf[role] }
    it(`${role}: grants exactly its actions`, () => {
      expect(ACTIONS.filter((a) => can(subject, a))).toEqual(expectedActions[role])
    })
    it(`${role}: no action outside its region`, () => {
      const outside = [otherCounty, otherCountyVillage]
      // Below the county a sibling township (or a village of it) is outside too, and so is the county.
      if (homeOf[role] !== 1) outside.push(county, township20, village21)
      for (const region of outside) for (const action of ACTIONS) expect(can(subject, action, region)).toBe(false)
    })
    it(`${role}: its actions hold inside its region, down to the groups`, () => {
      const home = [county, township10, village11].find((r) => r.id === homeOf[role])!
      for (const action of expectedActions[role]) {
        expect(can(subject, action, home)).toBe(true)
        expect(can(subject, action, group111)).toBe(true)
      }
    })
  }
})

describe('bulk export of residents’ rows', () => {
  it('only the roles that maintain the register may export people', () => {
    const exporters = ROLES.filter((role) => can({ id: 1, role, regionId: homeOf[role] }, 'register.export'))
    expect(exporters).toEqual(['VILLAGE_OFFICER', 'TOWNSHIP_STAFF'])
    for (const role of exporters) expect(can({ id: 1, role, regionId: homeOf[role] }, 'register.edit')).toBe(true)
  })
})

describe('inScope()', () => {
  it('includes the region itself and everything below it', () => {
    const subject: Subject = { id: 1, role: 'TOWNSHIP_STAFF', regionId: 10 }
    expect(inScope(subject, township10)).toBe(true)
    expect(inScope(subject, village11)).toBe(true)
    expect(inScope(subject, group111)).toBe(true)
  })
  it('excludes parents and siblings', () => {
    const subject: Subject = { id: 1, role: 'TOWNSHIP_STAFF', regionId: 10 }
    expect(inScope(subject, county)).toBe(false)
    expect(inScope(subject, township20)).toBe(false)
    expect(inScope(subject, village21)).toBe(false)
  })
})

describe('region filter for reads', () => {
  it('matches the region and its descendants through the indexed ancestor list', () => {
    expect(regionScope({ id: 5, role: 'VILLAGE_OFFICER', regionId: 11 })).toEqual({ OR: [{ id: 11 }, { ancestorIds: { has: 11 } }] })
  })
  it('scopes any model through its region relation', () => {
    expect(scopeWhere({ id: 5, role: 'COUNTY_OFFICIAL', regionId: 1 })).toEqual({ region: { OR: [{ id: 1 }, { ancestorIds: { has: 1 } }] } })
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
