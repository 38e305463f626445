import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFormatted } from './write-report.js'

/**
 * Writes a scenario's own result as `<dir>/<name>-<time>.json`, named
 * and formatted like the steady scenarios' reports, and returns the
 * path. For the scenarios with their own runner and result shape.
 */
export async function writeResult(
  dir: string,
  name: string,
  startedAt: string,
  result: unknown,
): Promise<string> {
  await mkdir(dir, { recursive: true })
  const path = join(dir, `${name}-${startedAt.replace(/[:.]/g, '-')}.json`)
  await writeFormatted(path, JSON.stringify(result, null, 2), 'json')
  return path
}
