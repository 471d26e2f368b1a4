// Adds up the JSON reports of the gate's test runners into one closing line, and exits non-zero
// when any of them counts a failure (the gate fails then even if a runner exited 0).
import fs from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
const dir = process.argv[2] ?? '.reports'
const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null)

for (const name of ['unit', 'integration']) {
  const report = read(`${dir}/${name}.json`)
  if (!report) continue
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
}
const e2e = read(`${dir}/e2e.json`)
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky
  failed += e2e.stats.unexpected
  skipped += e2e.stats.skipped
}
console.log(`\ngate: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
if (failed > 0) process.exitCode = 1
