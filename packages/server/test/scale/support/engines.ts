import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const script = fileURLToPath(
  new URL('../../../../../scripts/engines/engines.sh', import.meta.url),
)

export type Engine = 'postgres' | 'redis' | 'kafka' | 'ferretdb'

/** Drives the local engines the way an operator (or an outage) would. */
export async function engine(
  action: 'start' | 'stop' | 'restart' | 'kill',
  name: Engine,
): Promise<void> {
  await run('bash', [script, action, name], { timeout: 180_000 })
}
