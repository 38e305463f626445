import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The engine URLs a scale-set node needs, as `engines.sh up` writes them. */
export const engineVariables = [
  'REDIS_URL',
  'KAFKA_BROKERS',
  'MONGO_URL',
  'POSTGRES_URL',
] as const
export type EngineEnv = Record<(typeof engineVariables)[number], string>

const startHint = 'run `bash scripts/engines/engines.sh up` first'

/** The `export NAME=value` lines of .engines/env, by name. */
export function parseEngineEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line)
    if (!match) continue
    values[match[1]!] = match[2]!.trim().replace(/^(['"])(.*)\1$/, '$2')
  }
  return values
}

/**
 * The engines' URLs from `<root>/.engines/env`, after checking with
 * `engines.sh status` that every engine runs. Fails with what to do
 * when they do not: the benchmark never starts or stops them itself.
 */
export async function runningEngines(root: string): Promise<EngineEnv> {
  try {
    await run('bash', [join(root, 'scripts/engines/engines.sh'), 'status'], {
      timeout: 30_000,
    })
  } catch (error) {
    const output = (error as { stdout?: string }).stdout?.trim() ?? ''
    throw new Error(
      `the engines are not all running (${startHint}):\n${output}`,
      { cause: error },
    )
  }

  let text: string
  try {
    text = await readFile(join(root, '.engines', 'env'), 'utf8')
  } catch (error) {
    throw new Error(`no .engines/env: ${startHint}`, { cause: error })
  }
  const values = parseEngineEnv(text)
  const missing = engineVariables.filter((name) => !values[name])
  if (missing.length > 0) {
    throw new Error(`.engines/env lacks ${missing.join(', ')}: ${startHint}`)
  }
  return Object.fromEntries(
    engineVariables.map((name) => [name, values[name]!]),
  ) as EngineEnv
}
