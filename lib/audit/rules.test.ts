import { describe, expect, it } from 'vitest'
import { translator } from '@/lib/i18n/core'
import { auditChanges, chinaTime, isRegisterEntity } from './rules'
import { changeLine } from './present'

describe('audit changes', () => {
  it('an update lists only the fields that changed, old → new', () => {
    const before = { name: '张三', sex: 'MALE', birthDate: '1980-01-02', residence: 'LOCAL' }
    const after = { name: '张三丰', sex: 'MALE', birthDate: '1980-01-02', residence: 'INFLOW' }
    expect(auditChanges(before, after, true)).toEqual([
      { field: 'name', before: '张三', after: '张三丰' },
      { field: 'residence', before: 'LOCAL', after: 'INFLOW' },
    ])
  })

  it('without values: which fields changed, nothing of what they were', () => {
    const changes = auditChanges({ name: '张三' }, { name: '张三丰' }, false)
    expect(changes).toEqual([{ field: 'name' }])
    expect(JSON.stringify(changes)).not.toContain('张')
  })

  it('a creation lists its non-empty fields; a plain value is one change', () => {
    expect(auditChanges(null, { code: '371428100201', name: '审计村', parentId: null }, true)).toEqual([
      { field: 'code', after: '371428100201' },
      { field: 'name', after: '审计村' },
    ])
    expect(auditChanges(null, 'x', true)).toEqual([{ field: 'value', after: 'x' }])
    expect(auditChanges(null, null, true)).toEqual([])
  })

  it('reads in the user language, with codes named and times in China time', () => {
    const zh = translator('zh-CN')
    const en = translator('en')
    expect(changeLine(zh, { field: 'residence', before: 'LOCAL', after: 'INFLOW' }, 'Person')).toBe(
      `${zh('registry.fields.residence')}：户籍人口，在本地居住 → 流入人口`,
    )
    expect(changeLine(en, { field: 'sex', after: 'FEMALE' }, 'Person')).toBe(`${en('registry.fields.sex')}: Female`)
    expect(changeLine(zh, { field: 'members', after: [{ name: '李四', sex: 'FEMALE' }] }, 'Household')).toBe(
      '成员：姓名：李四；性别：女'.replace('成员', zh('registry.fields.members')),
    )
    expect(changeLine(zh, { field: 'lockedUntil', after: '2026-11-28T16:30:00.000Z' }, 'User')).toBe('锁定至：2026-11-29 00:30:00')
    expect(changeLine(zh, { field: 'active', before: true, after: false }, 'Region')).toBe('在用：是 → 否')
    expect(chinaTime('2026-01-01')).toBe('2026-01-01')
  })

  it('register entities are the ones carrying residents data', () => {
    expect(['Person', 'Household', 'LifeEvent', 'RegisterChange', 'ExchangeRequest', 'QualityFinding'].every(isRegisterEntity)).toBe(true)
    expect(['User', 'Region', 'ReportSubmission', 'Permission'].some(isRegisterEntity)).toBe(false)
  })
})
