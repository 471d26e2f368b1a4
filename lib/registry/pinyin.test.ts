import { describe, expect, it } from 'vitest'
import { classifySearch, nameSearchKeys } from './pinyin'

describe('pinyin search keys', () => {
  it('gives full pinyin and initials', () => {
    expect(nameSearchKeys('张三')).toEqual({ pinyin: 'zhangsan', initials: 'zs' })
    expect(nameSearchKeys('李秀英')).toEqual({ pinyin: 'lixiuying', initials: 'lxy' })
  })
  it('reads the first character as a surname', () => {
    expect(nameSearchKeys('单雄信').pinyin).toBe('shanxiongxin')
    expect(nameSearchKeys('曾国藩').pinyin).toBe('zengguofan')
  })
  it('handles minority names and Latin letters', () => {
    expect(nameSearchKeys('阿依古丽·买买提')).toEqual({ pinyin: 'ayigulimaimaiti', initials: 'ayglmmt' })
    expect(nameSearchKeys('Anna').pinyin).toBe('anna')
  })
})

describe('the search box', () => {
  it('tells ID numbers, last four digits, phones, pinyin and Chinese apart', () => {
    expect(classifySearch('37142219900101123x')).toEqual({ kind: 'idNumber', value: '37142219900101123X' })
    expect(classifySearch('123X')).toEqual({ kind: 'idLast4', value: '123X' })
    expect(classifySearch('1234')).toEqual({ kind: 'idLast4', value: '1234' })
    expect(classifySearch('13800138000')).toEqual({ kind: 'phone', value: '13800138000' })
    expect(classifySearch('ZS')).toEqual({ kind: 'latin', value: 'zs' })
    expect(classifySearch(' 张 ')).toEqual({ kind: 'text', value: '张' })
    expect(classifySearch('   ')).toEqual({ kind: 'empty' })
  })
})
