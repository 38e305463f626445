import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunReport } from './report.js'

/**
 * Writes the report as `<dir>/<scenario>-<server>-<time>.json` and
 * returns the path. The timestamp keeps every run; nothing is replaced.
 */
export async function writeReport(
  dir: string,
  report: RunReport,
): Promise<string> {
  await mkdir(dir, { recursive: true })
  const stamp = report.startedAt.replace(/[:.]/g, '-')
  const path = join(
    dir,
    `${report.scenario.name}-${report.target.name}-${stamp}.json`,
  )
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`)
  return path
}
