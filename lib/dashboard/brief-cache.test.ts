import { beforeEach, describe, expect, it } from 'vitest'
import { briefly, clearBriefCache } from './brief-cache'

describe('the brief cache', () => {
  beforeEach(() => clearBriefCache())

  it('answers from memory within its time, and computes again after', async () => {
    let calls = 0
    const compute = async () => ++calls
    expect(await briefly('k', compute, 1000, 0)).toBe(1)
    expect(await briefly('k', compute, 1000, 999)).toBe(1)
    expect(await briefly('other', compute, 1000, 999)).toBe(2)
    expect(await briefly('k', compute, 1000, 1000)).toBe(3)
  })

  it('does not keep a failure', async () => {
    await expect(briefly('f', () => Promise.reject(new Error('down')), 1000, 0)).rejects.toThrow('down')
    await Promise.resolve()
    expect(await briefly('f', async () => 'up', 1000, 1)).toBe('up')
  })
})
