/** Set by lib/server/client-address.mjs from the socket; a client cannot choose its value. */
export const CLIENT_ADDRESS_HEADER = 'x-xz-client-address'

/**
 * The client's address. `trustedProxies` is how many proxies of ours stand in front (XZ_TRUST_PROXY):
 * each appends the address it saw to X-Forwarded-For, so the client is that many entries from the
 * right; whatever a client wrote further left is ignored. With none, X-Forwarded-For is ignored.
 */
export function clientAddress(h: { get: (name: string) => string | null }, trustedProxies: number): string | null {
  const socket = h.get(CLIENT_ADDRESS_HEADER)?.trim() || null
  let ip = socket
  if (trustedProxies > 0) {
    const hops = (h.get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    // The last proxy's own connection is the socket; the ones before it appended to the header.
    const chain = socket ? [...hops, socket] : hops
    ip = chain.length > trustedProxies ? chain[chain.length - 1 - trustedProxies] : (chain[0] ?? null)
  }
  return ip ? ip.slice(0, 64) : null
}
