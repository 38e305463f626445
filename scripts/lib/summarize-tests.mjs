// Adds up the vitest JSON reports of every package into one closing line,
// "N passed, N failed", so a reader (or CI) sees the whole suite at once.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const folder = process.argv[2]
let passed = 0
let failed = 0
let skipped = 0

for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(join(folder, file), 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
  console.log(
    `${file.replace(/\.json$/, '')}: ${report.numPassedTests} passed, ` +
      `${report.numFailedTests} failed`,
  )
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
