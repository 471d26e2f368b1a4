import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/lib/generated/prisma/client'

/**
 * How long an interactive transaction may wait for a connection and run. Prisma's 5 s default is
 * exceeded by a first register write on a busy 2-core server (the write, its quality re-check and
 * its audit in one transaction); row locks are still held only while statements run.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 }

/** A Prisma client for scripts and tests (the app uses lib/server/db.ts). */
export function createClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), transactionOptions: TRANSACTION_OPTIONS })
}
