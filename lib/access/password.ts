import { randomInt } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's baseline cost (19 MiB, 2 passes): about 25 ms a hash on this machine.
const ARGON2ID = 2
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined
/** Spends the same time as a real check, so an unknown username is not revealed by timing. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('xiangzhen-no-such-user')
  await verifyPassword(await dummyHash, password)
  return false
}

// No 0/O, 1/l/I: a temporary password is read off a screen and typed in by someone else.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'

/** A temporary password for a new or reset account (it must be changed at first sign-in). */
export function temporaryPassword(length = 12): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)]
  return out
}
