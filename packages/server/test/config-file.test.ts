import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from './support/free-port.js'
import { withoutEngines } from './support/server-process.js'
import { TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

const execute = promisify(execFile)
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))

/** The environment minus anything that could configure the CLI. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = withoutEngines(process.env, true)
  for (const name of Object.keys(env)) {
    if (name.startsWith('ALGOCHAT_') || name === 'PORT') delete env[name]
  }
  return { ...env, ...extra }
}

async function writeConfig(value: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'algochat-config-'))
  const path = join(dir, 'algochat.json')
  await writeFile(path, JSON.stringify(value, null, 2))
  return path
}

const children: ChildProcess[] = []

afterEach(async () => {
  await Promise.all(children.splice(0).map(stop))
})

function stop(child: ChildProcess): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve()
  }
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  return exited
}

/** Runs the CLI with exactly these arguments until it prints `ready`. */
function runUntil(
  args: string[],
  ready: string,
  env: Record<string, string> = {},
): Promise<string> {
  const child = spawn(process.execPath, [cli, ...args], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${ready}" within 30 s:\n${output}`)),
      30_000,
    )
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(ready)) {
        clearTimeout(timer)
        resolve(output)
      }
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code} before "${ready}":\n${output}`))
    })
  })
}

/** The welcome a user of the node's dev app gets on that port. */
async function welcomeOn(port: number, dataDir: string) {
  const raw = await readFile(join(dataDir, 'dev-app.json'), 'utf8')
  const app = JSON.parse(raw) as { id: string; secret: string }
  const client = await TestClient.open(`ws://127.0.0.1:${port}/v1/ws`, app.id)
  const welcome = await client.request({
    op: 'auth',
    token: await userToken(app, 'configured'),
  })
  client.close()
  return welcome
}

describe('a config file', () => {
  it('sets the port, data directory and limits of algochat start', async () => {
    const port = await freePort()
    const dataDir = await mkdtemp(join(tmpdir(), 'algochat-test-'))
    const path = await writeConfig({
      port,
      host: '127.0.0.1',
      dataDir,
      heartbeatMs: 4000,
      limits: { maxTextLength: 321 },
    })

    await runUntil(['start', '--config', path], 'listening on')
    const welcome = await welcomeOn(port, dataDir)

    expect(welcome).toMatchObject({
      op: 'welcome',
      heartbeatMs: 4000,
      limits: { maxTextLength: 321, maxFrameBytes: 16_384 },
    })
  })

  it('is found through ALGOCHAT_CONFIG, and variables and flags override it', async () => {
    const [filePort, flagPort] = [await freePort(), await freePort()]
    const dataDir = await mkdtemp(join(tmpdir(), 'algochat-test-'))
    const path = await writeConfig({
      port: filePort,
      host: '127.0.0.1',
      dataDir,
      heartbeatMs: 4000,
    })

    await runUntil(['start', '--port', String(flagPort)], 'listening on', {
      ALGOCHAT_CONFIG: path,
      ALGOCHAT_HEARTBEAT_MS: '6000',
    })
    const welcome = await welcomeOn(flagPort, dataDir)

    expect(welcome).toMatchObject({ op: 'welcome', heartbeatMs: 6000 })
  })

  it('stops the command with the offending keys when the file is invalid', async () => {
    const path = await writeConfig({ prot: 9000, port: '9000' })

    const { code, stderr } = await execute(
      process.execPath,
      [cli, 'start', '-c', path],
      {
        env: cleanEnv(),
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: unknown) => error as { code: number; stderr: string },
    )

    expect(code).toBe(1)
    expect(stderr).toContain(`Invalid config file ${path}`)
    expect(stderr).toContain('unknown key "prot"')
    expect(stderr).toContain('"port": expected integer')
  })

  it('configures algochat worker', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'algochat-test-'))
    const path = await writeConfig({ dataDir })

    const output = await runUntil(
      ['worker', '--config', path],
      'sequencer running',
    )

    expect(output).toContain(`"dataDir":"${dataDir}"`)
  })

  it('configures algochat migrate', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'algochat-test-'))
    const path = await writeConfig({ dataDir })

    const { stdout } = await execute(
      process.execPath,
      [cli, 'migrate', '--config', path],
      { env: cleanEnv() },
    )

    expect(stdout).toContain('migrations applied')
    await expect(access(join(dataDir, 'algochat.db'))).resolves.toBeUndefined()
  })
})
