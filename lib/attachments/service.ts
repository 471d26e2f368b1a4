import 'server-only'
import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'
import type { DbClient } from '@/lib/server/db'
import { AppError } from '@/lib/server/errors'
import { attachmentProblem, ATTACHMENT_MAX_MB, ATTACHMENT_TYPES, blobKey, contentDisposition, THUMBNAIL_SIZE, type AttachmentMime } from './rules'
import { attachmentStore } from './store'

// The attachments kernel (DESIGN.md section 4): owners (services now; benefits and inspections
// later) check a file before their transaction, store it inside it, and serve it only from their
// own route after checking the owner's scope. This file knows no owner.

/** A checked upload, ready to store: nothing has been written yet. */
export interface PreparedFile {
  bytes: Uint8Array
  sha256: string
  mime: AttachmentMime
  size: number
  name: string
}

export interface AttachmentRow {
  id: number
  sha256: string
  mime: string
  size: number
  name: string
  thumbnail: boolean
}

export const ATTACHMENT_SELECT = { id: true, sha256: true, mime: true, size: true, name: true, thumbnail: true } as const

/**
 * Reads and checks an upload: size, and the type from the bytes (file-type's magic numbers), which
 * must be what the name claims. A refusal is an AppError on `field`, and nothing is written.
 */
export async function prepareAttachment(file: File, field: string): Promise<PreparedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const detected = bytes.length > 0 ? (await fileTypeFromBuffer(bytes))?.mime : undefined
  const problem = attachmentProblem({ size: bytes.length, name: file.name, browserType: file.type, detected })
  if (problem) throw new AppError(problem, { max: ATTACHMENT_MAX_MB }, { [field]: problem })
  const name = file.name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(-200) || 'file'
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mime: detected as AttachmentMime, size: bytes.length, name }
}

/** A small JPEG of an image, or null when the image cannot be read (then no thumbnail is shown). */
async function thumbnailOf(bytes: Uint8Array): Promise<Uint8Array | null> {
  try {
    const out = await sharp(bytes, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer()
    return new Uint8Array(out)
  } catch {
    return null
  }
}

/**
 * Stores a checked file for its owner: the bytes (and an image's thumbnail) in the store under
 * their hash, the row in the owner's transaction. A rolled-back transaction may leave bytes no row
 * names; they are harmless (content-addressed) and a later upload of the same file reuses them.
 */
export async function saveAttachment(
  tx: DbClient,
  file: PreparedFile,
  owner: { type: string; id: number; countyId: number; createdById: number },
): Promise<AttachmentRow> {
  const store = attachmentStore()
  await store.put(blobKey(file.sha256), file.bytes)
  let thumbnail = false
  if (ATTACHMENT_TYPES[file.mime].image) {
    const thumb = await thumbnailOf(file.bytes)
    if (thumb) {
      await store.put(blobKey(file.sha256, 'thumbnail'), thumb)
      thumbnail = true
    }
  }
  return tx.attachment.create({
    data: {
      sha256: file.sha256,
      mime: file.mime,
      size: file.size,
      name: file.name,
      thumbnail,
      ownerType: owner.type,
      ownerId: owner.id,
      countyId: owner.countyId,
      createdById: owner.createdById,
    },
    select: ATTACHMENT_SELECT,
  })
}

/** The attachments of some rows of one owner type, by owner id. */
export async function attachmentsOf(client: DbClient, ownerType: string, ownerIds: number[]): Promise<Map<number, AttachmentRow[]>> {
  const out = new Map<number, AttachmentRow[]>()
  if (ownerIds.length === 0) return out
  const rows = await client.attachment.findMany({
    where: { ownerType, ownerId: { in: ownerIds } },
    select: { ...ATTACHMENT_SELECT, ownerId: true },
    orderBy: { id: 'asc' },
  })
  for (const { ownerId, ...row } of rows) out.set(ownerId, [...(out.get(ownerId) ?? []), row])
  return out
}

/** One attachment of a given owner row: the owner's route has already checked that row's scope. */
export async function findAttachment(client: DbClient, ownerType: string, ownerId: number, attachmentId: number): Promise<AttachmentRow | null> {
  return client.attachment.findFirst({ where: { id: attachmentId, ownerType, ownerId }, select: ATTACHMENT_SELECT })
}

/** The response that sends a stored file (or its thumbnail), or null when its bytes are missing. */
export async function attachmentResponse(row: AttachmentRow, variant: 'original' | 'thumbnail'): Promise<Response | null> {
  const thumb = variant === 'thumbnail' && row.thumbnail
  const bytes = await attachmentStore().get(blobKey(row.sha256, thumb ? 'thumbnail' : 'original'))
  if (!bytes) return null
  const mime = thumb ? 'image/jpeg' : row.mime
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      'Content-Type': mime,
      'Content-Length': String(bytes.length),
      // images and PDFs open in the browser; the type was read from the bytes, and nosniff holds it
      'Content-Disposition': contentDisposition(row.name, true),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'private, no-store',
    },
  })
}
