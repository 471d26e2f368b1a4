import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { db } from '../setup/db'
import { makeCounty, makeUser, uniqueUsername } from '@/tests/factories'
import { claimTicket, signInWithPassword } from '@/lib/access/service'
import { clientAddress } from '@/lib/server/client-address-rules'
import { parseEnv } from '@/lib/server/env-schema'
import '@/lib/server/client-address.mjs'

/** The headers the app sees for one request to a server with the preload in place. */
async function headersSeen(send: Record<string, string>): Promise<Headers> {
  const server = http.createServer((request, response) => {
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify(request.headers))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: send })
    return new Headers((await response.json()) as Record<string, string>)
  } finally {
    server.close()
  }
}

describe('the client address in the audit and session tables', () => {
  it('without a proxy configured, is the connection’s own: a forged X-Forwarded-For (or our header) is ignored', async () => {
    const seen = await headersSeen({ 'x-forwarded-for': '198.51.100.7', 'x-real-ip': '198.51.100.8', 'x-xz-client-address': '198.51.100.9' })
    const ip = clientAddress(seen, parseEnv({ ...process.env, XZ_TRUST_PROXY: undefined }).XZ_TRUST_PROXY)
    expect(ip).toBe('127.0.0.1')

    const { villages } = await makeCounty(db)
    const clerk = await makeUser(db, { username: uniqueUsername('ip'), role: 'VILLAGE_OFFICER', regionId: villages[0].id, password: 'Correct-horse-42' })
    const result = await signInWithPassword({ username: clerk.username, password: 'Correct-horse-42' }, { ip, userAgent: 'vitest' })
    if (!result.ok) throw new Error('sign-in failed')
    const { sessionId } = (await claimTicket(result.ticket))!
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).ip).toBe('127.0.0.1')
    expect((await db.auditEvent.findFirstOrThrow({ where: { actorId: clerk.id, action: 'auth.signIn' } })).ip).toBe('127.0.0.1')
  })

  it('with XZ_TRUST_PROXY, takes the address our proxy saw, not what the client wrote before it', async () => {
    // The proxy (connected from 127.0.0.1) appended the address it saw to what the client sent.
    const seen = await headersSeen({ 'x-forwarded-for': '198.51.100.7, 203.0.113.20' })
    expect(clientAddress(seen, parseEnv({ ...process.env, XZ_TRUST_PROXY: 'true' }).XZ_TRUST_PROXY)).toBe('203.0.113.20')
    expect(clientAddress(seen, parseEnv({ ...process.env, XZ_TRUST_PROXY: '2' }).XZ_TRUST_PROXY)).toBe('198.51.100.7')
    expect(clientAddress(seen, parseEnv({ ...process.env, XZ_TRUST_PROXY: 'false' }).XZ_TRUST_PROXY)).toBe('127.0.0.1')
  })

  it('XZ_TRUST_PROXY is checked at start-up', () => {
    for (const bad of ['yes', '-1', '11', '1.5']) {
      expect(() => parseEnv({ ...process.env, XZ_TRUST_PROXY: bad }), bad).toThrow(/XZ_TRUST_PROXY must be false, true or the number of proxies/)
    }
  })
})
