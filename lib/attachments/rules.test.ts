import { describe, expect, it } from 'vitest'
import { ATTACHMENT_MAX_BYTES, attachmentProblem, blobKey, claimedType, contentDisposition } from './rules'

describe('attachment checks', () => {
  const ok = { size: 1000, name: 'scan.pdf', browserType: 'application/pdf', detected: 'application/pdf' }
  it('accepts a file whose bytes are what it claims', () => {
    expect(attachmentProblem(ok)).toBeNull()
    expect(attachmentProblem({ ...ok, name: '照片.JPG', browserType: 'image/jpeg', detected: 'image/jpeg' })).toBeNull()
    expect(attachmentProblem({ ...ok, name: 'photo', browserType: '', detected: 'image/png' })).toBeNull()
  })
  it('refuses a file that claims to be a JPEG but is not', () => {
    expect(attachmentProblem({ ...ok, name: 'photo.jpg', browserType: 'image/jpeg', detected: undefined })).toBe('attachments.errors.notWhatItClaims')
    expect(attachmentProblem({ ...ok, name: 'photo.jpg', browserType: 'image/jpeg', detected: 'image/png' })).toBe('attachments.errors.notWhatItClaims')
    expect(attachmentProblem({ ...ok, name: 'photo.jpg', browserType: 'image/jpeg', detected: 'application/x-msdownload' })).toBe(
      'attachments.errors.notWhatItClaims',
    )
  })
  it('refuses other types, empty and over-size files', () => {
    expect(attachmentProblem({ ...ok, name: 'a.exe', browserType: 'application/octet-stream', detected: 'application/x-msdownload' })).toBe(
      'attachments.errors.type',
    )
    expect(attachmentProblem({ ...ok, size: 0 })).toBe('attachments.errors.empty')
    expect(attachmentProblem({ ...ok, size: ATTACHMENT_MAX_BYTES + 1 })).toBe('attachments.errors.tooLarge')
    expect(attachmentProblem({ ...ok, size: ATTACHMENT_MAX_BYTES })).toBeNull()
  })
  it('reads the claim from the extension first, then the browser type', () => {
    expect(claimedType('x.jpeg', '')).toBe('image/jpeg')
    expect(claimedType('x', 'image/png')).toBe('image/png')
    expect(claimedType('x.txt', 'text/plain')).toBeNull()
  })
  it('keys blobs by hash and never by a name', () => {
    const sha = 'ab'.repeat(32)
    expect(blobKey(sha)).toBe(`ab/ab/${sha}`)
    expect(blobKey(sha, 'thumbnail')).toBe(`ab/ab/${sha}.thumb.jpg`)
    expect(() => blobKey('../../etc/passwd')).toThrow()
  })
  it('writes a header-safe download name', () => {
    expect(contentDisposition('知情同意书.pdf', false)).toBe(`attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('知情同意书.pdf')}`)
    expect(contentDisposition('a"b.png', true)).toMatch(/^inline; filename="a_b.png"/)
  })
})
