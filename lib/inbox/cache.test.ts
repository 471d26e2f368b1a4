import { describe, expect, it, vi } from 'vitest'
import { bumpInboxGeneration, cachedInbox, INBOX_TTL_MS } from './cache'

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

  it('does not keep a failed read', async () => {
    const key = `f-${Math.random()}`
    await expect(cachedInbox(key, () => Promise.reject(new Error('down')), 5)).rejects.toThrow('down')
    await expect(cachedInbox(key, async () => [], 5)).resolves.toEqual([])
  })
})
