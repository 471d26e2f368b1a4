import 'server-only'
import { headers } from 'next/headers'

/** The client's address and browser as the server saw them (first hop of X-Forwarded-For). */
export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers()
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim()
  return {
    ip: (forwarded || h.get('x-real-ip') || null)?.slice(0, 64) ?? null,
    userAgent: h.get('user-agent')?.slice(0, 256) ?? null,
  }
}
