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
  await writeFile(path, await formatJson(JSON.stringify(report, null, 2)))
  return path
}

/**
 * Formats like the rest of the repository, so results can be committed
 * without failing the format check. Prettier comes from the workspace
 * root; without it the plain JSON is written.
 */
async function formatJson(json: string): Promise<string> {
  try {
    const prettier = await import('prettier')
    return await prettier.format(json, { parser: 'json' })
  } catch {
    return `${json}\n`
  }
}
