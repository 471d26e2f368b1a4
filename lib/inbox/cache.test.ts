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

  it('forgets the inboxes above and below a write’s region, and keeps the others’', async () => {
    const load = () => vi.fn(async () => [])
    // county 1 > township 2 > village 3; township 5 (another) > village 6
    const users = { village: load(), township: load(), county: load(), other: load(), otherVillage: load() }
    const regions = {
      village: { regionId: 3, ancestorIds: [1, 2] },
      township: { regionId: 2, ancestorIds: [1] },
      county: { regionId: 1, ancestorIds: [] },
      other: { regionId: 5, ancestorIds: [1] },
      otherVillage: { regionId: 6, ancestorIds: [1, 5] },
    }
    const read = (now: number) => Promise.all(Object.entries(users).map(([k, fn]) => cachedInbox(`r-${k}`, fn, now, regions[k as keyof typeof regions])))
    await read(100)
    forgetInbox({ regionId: 2, ancestorIds: [1] }) // a township clerk's write
    await read(101)
    expect(users.village).toHaveBeenCalledTimes(2)
    expect(users.township).toHaveBeenCalledTimes(2)
    expect(users.county).toHaveBeenCalledTimes(2)
    expect(users.other).toHaveBeenCalledTimes(1)
    expect(users.otherVillage).toHaveBeenCalledTimes(1)
  })

  it('does not keep a failed read', async () => {
    const key = `f-${Math.random()}`
    await expect(cachedInbox(key, () => Promise.reject(new Error('down')), 5)).rejects.toThrow('down')
    await expect(cachedInbox(key, async () => [], 5)).resolves.toEqual([])
  })
})
