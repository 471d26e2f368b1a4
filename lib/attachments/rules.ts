import type { MessageKey } from '@/lib/i18n/core'

// What a stored file may be, decided from its bytes (the magic numbers file-type reads), never from
// the name or the type the browser claims. Pure: no file system, no database.

/** The types any owner accepts: photos and scans. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': { ext: ['jpg', 'jpeg'], image: true },
  'image/png': { ext: ['png'], image: true },
  'application/pdf': { ext: ['pdf'], image: false },
} as const
export type AttachmentMime = keyof typeof ATTACHMENT_TYPES

export const ATTACHMENT_MAX_MB = 10
export const ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_MB * 1024 * 1024
/** Thumbnails: the longer side in pixels. */
export const THUMBNAIL_SIZE = 240

export const isAttachmentMime = (mime: string | undefined): mime is AttachmentMime => mime !== undefined && mime in ATTACHMENT_TYPES

/** The type a name or a browser claims, as one of ours, or null when it claims none of them. */
export function claimedType(name: string, browserType: string): AttachmentMime | null {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
  for (const [mime, spec] of Object.entries(ATTACHMENT_TYPES) as [AttachmentMime, (typeof ATTACHMENT_TYPES)[AttachmentMime]][]) {
    if (ext && (spec.ext as readonly string[]).includes(ext)) return mime
  }
  return isAttachmentMime(browserType) ? browserType : null
}

/**
 * Whether a file may be stored: its size, its detected type, and that the detected type is what
 * the file claims to be (a "photo.jpg" whose bytes are not a JPEG is refused, not stored as what it
 * really is). `detected` is file-type's answer for the bytes (undefined when it knows none).
 */
export function attachmentProblem(input: { size: number; name: string; browserType: string; detected: string | undefined }): MessageKey | null {
  if (input.size === 0) return 'attachments.errors.empty'
  if (input.size > ATTACHMENT_MAX_BYTES) return 'attachments.errors.tooLarge'
  const claimed = claimedType(input.name, input.browserType)
  if (!isAttachmentMime(input.detected)) return claimed ? 'attachments.errors.notWhatItClaims' : 'attachments.errors.type'
  if (claimed && claimed !== input.detected) return 'attachments.errors.notWhatItClaims'
  return null
}

/** Where a blob lives in a store: its hash, split so no folder holds millions of files. */
export function blobKey(sha256: string, variant: 'original' | 'thumbnail' = 'original'): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256 hex digest')
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}${variant === 'thumbnail' ? '.thumb.jpg' : ''}`
}

/** A download's file name, safe for the header: ASCII fallback and the real name encoded. */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file'
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}
