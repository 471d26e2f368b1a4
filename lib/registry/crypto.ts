import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

// (No server-only guard: scripts and test fixtures encrypt too; the key lives only in server env.)
// ID numbers at rest: AES-256-GCM (random 96-bit IV, 128-bit tag; stored as iv|tag|ciphertext) for
// reading back, and HMAC-SHA256 under a separate derived key for exact search and uniqueness.
// Both keys come from one 32-byte master key (XZ_ID_KEY) through HKDF.

function keys(master: Buffer) {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32))
  return { encryption: derive('xiangzhen id-number encryption'), search: derive('xiangzhen id-number search') }
}

let cached: { master: string; encryption: Buffer; search: Buffer } | undefined

function currentKeys() {
  const master = process.env.XZ_ID_KEY
  if (!master) throw new Error('XZ_ID_KEY is not set (32 bytes, base64). `npm start` generates one in ./.data/secrets.json.')
  if (cached?.master !== master) {
    const raw = Buffer.from(master, 'base64')
    if (raw.length !== 32) throw new Error('XZ_ID_KEY must be 32 bytes, base64-encoded')
    cached = { master, ...keys(raw) }
  }
  return cached
}

export function encryptIdNumber(id: string): Uint8Array<ArrayBuffer> {
  const { encryption } = currentKeys()
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', encryption, iv)
  const body = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()])
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]))
}

export function decryptIdNumber(stored: Uint8Array): string {
  const { encryption } = currentKeys()
  const data = Buffer.from(stored)
  const decipher = createDecipheriv('aes-256-gcm', encryption, data.subarray(0, 12))
  decipher.setAuthTag(data.subarray(12, 28))
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')
}

export function hashIdNumber(id: string): string {
  return createHmac('sha256', currentKeys().search).update(id.toUpperCase()).digest('hex')
}
