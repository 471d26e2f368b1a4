import 'server-only'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { env } from './env'
import { TRANSACTION_OPTIONS } from '@/lib/db/client'

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

/** What a read or write may run on: the process's client or an open transaction. */
export type DbClient = PrismaClient | Tx

const globalForPrisma = globalThis as unknown as { xzPrisma?: PrismaClient }

function client(): PrismaClient {
  // Kept on globalThis so development hot reloads do not open a new pool each time.
  globalForPrisma.xzPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
    transactionOptions: TRANSACTION_OPTIONS,
  })
  return globalForPrisma.xzPrisma
}

/**
 * The one Prisma client of the process, created on first use, so that importing a module (as
 * `next build` does) needs no database configuration.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client()
    const value = Reflect.get(real, property, real)
    return typeof value === 'function' ? value.bind(real) : value
  },
})
