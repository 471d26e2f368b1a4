import { NextResponse, type NextRequest } from 'next/server'
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, translator } from '@/lib/i18n/core'
import { ACTION_BODY_LIMIT_BYTES, REGISTER_IMPORT_MAX_MB } from '@/lib/uploads'

/**
 * A Content-Security-Policy with a fresh nonce for every page: scripts run only when Next.js
 * marked them with this request's nonce ('strict-dynamic' lets those load their chunks), so an
 * injected <script> does not run. Inline style attributes stay allowed: charts and React set them,
 * and they cannot run code. Authentication is not decided here; every page, action and query
 * checks the session itself.
 */
export function proxy(request: NextRequest) {
  const tooLarge = refuseOversizeAction(request)
  if (tooLarge) return tooLarge
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const development = process.env.NODE_ENV === 'development'
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', csp)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', csp)
  return response
}

/**
 * A server action whose body is over serverActions.bodySizeLimit: Next.js would answer with an
 * English error that the page shows as a crash. Answered here instead, from the declared length
 * before the body is read, as text/plain in the user's language: the action caller turns a
 * text/plain error into an Error with that message, which useActionForm shows in the form.
 */
function refuseOversizeAction(request: NextRequest): Response | null {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return null
  const length = Number(request.headers.get('content-length') ?? 0)
  if (!(length > ACTION_BODY_LIMIT_BYTES)) return null
  const locale = request.cookies.get(LOCALE_COOKIE)?.value
  const t = translator(isLocale(locale) ? locale : DEFAULT_LOCALE)
  return new Response(t('errors.uploadTooLarge', { max: REGISTER_IMPORT_MAX_MB }), {
    status: 413,
    headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' },
  })
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
