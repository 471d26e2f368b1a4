import path from 'node:path'

/** Where the embedded database and generated secrets live (./.data by default). */
export function dataDir(): string {
  return path.resolve(process.env.XZ_DATA_DIR ?? '.data')
}
