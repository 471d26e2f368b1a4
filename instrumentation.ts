// Next.js calls register() once when the server starts, before it serves a request: the modules
// are composed there (lib/modules.ts), so every server action and route sees the same hooks.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./lib/modules')
}
