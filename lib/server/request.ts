import 'server-only'
import { headers } from 'next/headers'
import { env } from './env'
import { clientAddress } from './client-address-rules'

/**
 * The client's address and browser as the server saw them. The address is the connection's own
 * (stamped by lib/server/client-address.mjs); X-Forwarded-For counts only with XZ_TRUST_PROXY.
 */
export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers()
  return {
    ip: clientAddress(h, env().XZ_TRUST_PROXY),
    userAgent: h.get('user-agent')?.slice(0, 256) ?? null,
  }
}
