import { describe, expect, it } from 'vitest'
import { regionComboboxOptions, regionSearchKeys } from './search-keys'
import { filterOptions } from '@/components/ui/combobox-filter'

describe('region search keys', () => {
  it('reads the name as pinyin initials and full pinyin, then with its township and the code', () => {
    expect(regionSearchKeys('宁津镇', '371422100000')).toEqual(['njz', 'ningjinzhen', '371422100000'])
    expect(regionSearchKeys('东街村', '371422100201', '宁津镇')).toEqual(['djc', 'dongjiecun', 'njzdjc', 'ningjinzhendongjiecun', '371422100201'])
  })
})

describe('filterOptions', () => {
  const options = [
    { value: '1', label: '宁津县', keys: regionSearchKeys('宁津县') },
    { value: '2', label: '柴胡店镇', keys: regionSearchKeys('柴胡店镇') },
    { value: '3', label: '宁津镇 / 东街村', keys: regionSearchKeys('东街村', undefined, '宁津镇') },
    { value: '4', label: '宁津镇', keys: regionSearchKeys('宁津镇') },
  ]
  it('finds by Chinese text anywhere in the label', () => {
    expect(filterOptions(options, '东街').map((o) => o.value)).toEqual(['3'])
  })
  it('finds by initials, the region itself before the villages under it', () => {
    expect(filterOptions(options, 'njz').map((o) => o.value)).toEqual(['4', '3'])
    expect(filterOptions(options, 'NJ').map((o) => o.value)).toEqual(['1', '4', '3'])
    expect(filterOptions(options, 'chd').map((o) => o.value)).toEqual(['2'])
  })
  it('finds by full pinyin, ignoring spaces and case', () => {
    expect(filterOptions(options, 'Chai Hu').map((o) => o.value)).toEqual(['2'])
  })
  it('lists everything for an empty query and nothing for a miss', () => {
    expect(filterOptions(options, ' ')).toHaveLength(4)
    expect(filterOptions(options, 'xyz')).toEqual([])
  })
})

describe('regionComboboxOptions', () => {
  it('reads the own name and its parents from the label, with an optional "any" first', () => {
    const options = regionComboboxOptions([{ id: 7, label: '宁津镇 / 东街村' }], '全部')
    expect(options[0]).toEqual({ value: '', label: '全部', keys: [] })
    expect(options[1]).toEqual({ value: '7', label: '宁津镇 / 东街村', keys: ['djc', 'dongjiecun', 'njzdjc', 'ningjinzhendongjiecun'] })
  })
})
