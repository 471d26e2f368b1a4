// The Prisma client for integration tests: the same one the app's services use.
export { db } from '@/lib/server/db'
