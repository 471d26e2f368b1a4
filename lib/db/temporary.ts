import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import net from 'node:net'
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded'

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** A throwaway PostgreSQL server in a temporary folder, removed again by `dispose`. */
export async function startTemporaryPostgres(prefix = 'xz-pg-'): Promise<EmbeddedServer & { dispose: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  // initdb refuses a non-empty folder and, as root, needs one the postgres user may write to.
  fs.rmSync(dir, { recursive: true, force: true })
  const server = await startEmbeddedPostgres(dir, await freePort())
  return {
    ...server,
    dispose: async () => {
      await server.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
