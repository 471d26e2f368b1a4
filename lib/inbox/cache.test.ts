import { describe, expect, it, vi } from 'vitest'
import { bumpInboxGeneration, cachedInbox, forgetInbox, INBOX_TTL_MS } from './cache'

describe('inbox cache', () => {
  it('reads once within the time to live, again after it or after a write', async () => {
    const load = vi.fn(async () => [])
    const key = `u-${Math.random()}`
    await cachedInbox(key, load, 1_000)
    await cachedInbox(key, load, 1_000 + INBOX_TTL_MS - 1)
    expect(load).toHaveBeenCalledTimes(1)
    await cachedInbox(key, load, 1_000 + INBOX_TTL_MS)
    expect(load).toHaveBeenCalledTimes(2)
    bumpInboxGeneration()
    await cachedInbox(key, load, 1_000 + INBOX_TTL_MS)
    expect(load).toHaveBeenCalledTimes(3)
  })

  it('forgets one user’s inbox after their write, and keeps the others’', async () => {
    const mine = vi.fn(async () => [])
    const theirs = vi.fn(async () => [])
    await cachedInbox('41:VILLAGE_OFFICER:7:zh-CN:2026-05-01', mine, 10)
    await cachedInbox('4:VILLAGE_OFFICER:7:zh-CN:2026-05-01', theirs, 10)
    forgetInbox(41)
    await cachedInbox('41:VILLAGE_OFFICER:7:zh-CN:2026-05-01', mine, 11)
    await cachedInbox('4:VILLAGE_OFFICER:7:zh-CN:2026-05-01', theirs, 11)
    expect(mine).toHaveBeenCalledTimes(2)
    // user 4's key is a prefix of neither; it stays cached
    expect(theirs).toHaveBeenCalledTimes(1)
  })

  it('does not keep a failed read', async () => {
    const key = `f-${Math.random()}`
    await expect(cachedInbox(key, () => Promise.reject(new Error('down')), 5)).rejects.toThrow('down')
    await expect(cachedInbox(key, async () => [], 5)).resolves.toEqual([])
  })
})
