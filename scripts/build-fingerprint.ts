import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

// `npm start` rebuilds only when the sources changed since the last build: this fingerprint (size
// and modification time of every source file) is written next to the build and compared at start.

const SOURCES = ['app', 'components', 'lib', 'public', 'proxy.ts', 'next.config.ts', 'package-lock.json', 'prisma/schema.prisma']
const STAMP = path.join('.next', 'xz-fingerprint')

export function sourceFingerprint(): string {
  const hash = createHash('sha256')
  const visit = (entry: string) => {
    if (!fs.existsSync(entry)) return
    const stat = fs.statSync(entry)
    if (stat.isDirectory()) {
      if (entry === path.join('lib', 'generated')) return
      for (const name of fs.readdirSync(entry).sort()) visit(path.join(entry, name))
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`)
    }
  }
  for (const entry of SOURCES) visit(entry)
  return hash.digest('hex')
}

export function buildIsStale(): boolean {
  if (!fs.existsSync(path.join('.next', 'BUILD_ID')) || !fs.existsSync(STAMP)) return true
  return fs.readFileSync(STAMP, 'utf8') !== sourceFingerprint()
}

export function markBuilt(): void {
  fs.writeFileSync(STAMP, sourceFingerprint())
}
