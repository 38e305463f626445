import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './free-port.js'

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))

export interface ServerOptions {
  /** `start` runs a full node, `worker` only the sequencer. @default 'start' */
  command?: 'start' | 'worker'
  /** Leave the engine variables of the environment out. @default true */
  embedded?: boolean
  /** Reuse a data directory (a restart); a fresh one when unset. */
  dataDir?: string
  port?: number
  env?: Record<string, string>
  args?: string[]
}

/** A real `algochat start` process on loopback, as a user would run it. */
export class ServerProcess {
  readonly port: number
  readonly dataDir: string
  readonly url: string
  readonly wsUrl: string
  readonly output: string[] = []
  readonly #child: ChildProcess
  #exited: Promise<number | null>

  private constructor(child: ChildProcess, port: number, dataDir: string) {
    this.#child = child
    this.port = port
    this.dataDir = dataDir
    this.url = `http://127.0.0.1:${port}`
    this.wsUrl = `ws://127.0.0.1:${port}/v1/ws`
    this.#exited = new Promise((resolve) => child.once('exit', resolve))
  }

  static async start(options: ServerOptions = {}): Promise<ServerProcess> {
    const port = options.port ?? (await freePort())
    const dataDir =
      options.dataDir ?? (await mkdtemp(join(tmpdir(), 'algochat-test-')))
    const child = spawn(
      process.execPath,
      [
        cli,
        options.command ?? 'start',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--data',
        dataDir,
        ...(options.args ?? []),
      ],
      {
        env: {
          ...withoutEngines(process.env, options.embedded ?? true),
          ALGOCHAT_LOG_LEVEL: 'info',
          // Tests send far faster than people; the rate tests lower these.
          ALGOCHAT_USER_COMMAND_RATE: '1000',
          ALGOCHAT_USER_COMMAND_BURST: '1000',
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const server = new ServerProcess(child, port, dataDir)
    const ready =
      options.command === 'worker' ? 'sequencer running' : 'listening on'
    await server.#waitFor(ready, 30_000)
    return server
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null
  }

  /** The dev app the first start created. */
  async devApp(): Promise<{ id: string; secret: string }> {
    const raw = await readFile(join(this.dataDir, 'dev-app.json'), 'utf8')
    return JSON.parse(raw) as { id: string; secret: string }
  }

  /** Graceful stop; resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.#child.exitCode === null) this.#child.kill(signal)
    return this.#exited
  }

  /** kill -9: no cleanup at all. */
  async kill(): Promise<void> {
    if (this.#child.exitCode === null) this.#child.kill('SIGKILL')
    await this.#exited
  }

  #waitFor(text: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(`server did not print "${text}":\n${this.output.join('')}`),
        )
      }, timeoutMs)
      const onData = (chunk: Buffer) => {
        this.output.push(chunk.toString())
        if (this.output.join('').includes(text)) {
          clearTimeout(timer)
          resolve()
        }
      }
      this.#child.stdout?.on('data', onData)
      this.#child.stderr?.on('data', (chunk: Buffer) =>
        this.output.push(chunk.toString()),
      )
      this.#child.once('exit', (code) => {
        clearTimeout(timer)
        reject(
          new Error(`server exited with ${code}:\n${this.output.join('')}`),
        )
      })
    })
  }
}

const engineVariables = [
  'REDIS_URL',
  'KAFKA_BROKERS',
  'MONGO_URL',
  'POSTGRES_URL',
]

/** The embedded tests must not pick up engines a shell happened to export. */
export function withoutEngines(
  env: NodeJS.ProcessEnv,
  embedded: boolean,
): NodeJS.ProcessEnv {
  if (!embedded) return env
  const copy = { ...env }
  for (const name of engineVariables) delete copy[name]
  return copy
}
