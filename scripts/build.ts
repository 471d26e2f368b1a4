// `npm run build`: the production build, stamped so that `npm start` knows it is current.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { markBuilt } from './build-fingerprint'

const result = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
})
if (result.status !== 0) process.exit(result.status ?? 1)
markBuilt()
