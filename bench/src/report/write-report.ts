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
  await writeFile(path, await format(JSON.stringify(report, null, 2), 'json'))
  return path
}

/** Writes markdown or other text, formatted like the repository. */
export async function writeFormatted(
  path: string,
  text: string,
  parser: 'json' | 'markdown',
): Promise<void> {
  await writeFile(path, await format(text, parser))
}

/**
 * Formats like the rest of the repository, so results can be committed
 * without failing the format check. Prettier comes from the workspace
 * root; without it the plain JSON is written.
 */
async function format(text: string, parser: string): Promise<string> {
  try {
    const prettier = await import('prettier')
    return await prettier.format(text, { parser })
  } catch {
    return `${text}\n`
  }
}
