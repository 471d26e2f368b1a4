import 'server-only'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { dataDir } from '@/lib/db/paths'

/**
 * Where the bytes of attachments live. Keys are content hashes (rules.blobKey), so a put of a key
 * that exists is a no-op and nothing is ever overwritten with different bytes. The local disk is
 * the default; a larger deployment plugs in an S3-compatible object store by implementing this
 * interface over its SDK and calling setAttachmentStore at start-up (README, "Attachments").
 */
export interface AttachmentStore {
  /** Stores the bytes under `key` unless they are there already. */
  put(key: string, bytes: Uint8Array): Promise<void>
  /** The bytes, or null when the key is unknown. */
  get(key: string): Promise<Uint8Array | null>
  has(key: string): Promise<boolean>
}

/** Files under a folder (by default `<XZ_DATA_DIR>/files`), written atomically (temp file, rename). */
export class LocalDiskStore implements AttachmentStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    const full = path.resolve(this.root, key)
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error('attachment key outside the store')
    return full
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.file(key)
    if (await this.has(key)) return
    await fs.mkdir(path.dirname(target), { recursive: true })
    const temp = `${target}.${randomUUID()}.tmp`
    await fs.writeFile(temp, bytes)
    await fs.rename(temp, target)
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await fs.readFile(this.file(key)))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await fs.access(this.file(key))
      return true
    } catch {
      return false
    }
  }
}

// On globalThis, like the register's hooks: every bundle of the process uses the same store.
const KEY = Symbol.for('xiangzhen.attachments.store')
type Holder = { [KEY]?: AttachmentStore }

/** The configured store: the one set at start-up, else the local disk under the data folder. */
export function attachmentStore(): AttachmentStore {
  const holder = globalThis as Holder
  return (holder[KEY] ??= new LocalDiskStore(path.join(dataDir(), 'files')))
}

/** Replaces the store (an S3-compatible one, or a temporary folder in tests). */
export function setAttachmentStore(store: AttachmentStore): void {
  ;(globalThis as Holder)[KEY] = store
}
