import 'server-only'
import NextAuth from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import { claimTicket, signOutSession } from '@/lib/access/service'
import { requestMeta } from './request'
import { SESSION_ABSOLUTE_HOURS } from '@/lib/access/rules'

// Auth.js owns the cookie: an encrypted JWT that carries only the server-side session id. The
// session row (lib/access) decides validity, so idle and absolute limits, sign-out, deactivation
// and role changes take effect at once. The password check happens before Auth.js is called
// (signInWithPassword), which hands over a one-time ticket; see docs/decisions/0002-sessions.md.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_ABSOLUTE_HOURS * 3600 },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    Credentials({
      id: 'ticket',
      credentials: { ticket: {} },
      authorize: async (credentials) => {
        const claimed = await claimTicket(String(credentials?.ticket ?? ''))
        return claimed ? { id: String(claimed.userId), sid: claimed.sessionId } : null
      },
    }),
  ],
  events: {
    // Auth.js's own sign-out (POST /api/auth/signout) only clears the cookie; the session row
    // must end too, or a copy of the cookie would stay valid. Our sign-out button comes here as well.
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined
      if (typeof sid !== 'string') return
      const ip = await requestMeta().then(
        (m) => m.ip,
        () => null,
      )
      await signOutSession(null, sid, new Date(), ip)
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user && 'sid' in user) token.sid = user.sid as string
      return token
    },
    session({ session, token }) {
      return { ...session, sid: typeof token.sid === 'string' ? token.sid : undefined }
    },
  },
})
