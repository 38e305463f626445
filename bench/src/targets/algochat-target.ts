import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AlgochatDriver } from '../drivers/algochat/algochat-driver.js'
import type { Driver } from '../drivers/driver.js'
import { freePort } from '../net/free-port.js'
import { sumMetrics } from '../measure/prometheus-text.js'
import { sourceRevision } from '../report/source-revision.js'
import { runLimited } from '../util/run-limited.js'
import { ServerLog, type ServerLogSummary } from './server-log.js'
import { ServerProcess } from './server-process.js'
import type {
  RoomLayout,
  RunningServer,
  Target,
  TargetStartOptions,
} from './target.js'

/**
 * Server-side limits are per user and per connection, sized for people
 * typing; a load generator exceeds them by design, so they are lifted.
 */
const loadEnv = {
  ALGOCHAT_USER_COMMAND_RATE: '100000',
  ALGOCHAT_USER_COMMAND_BURST: '100000',
  ALGOCHAT_CONNECTION_RATE: '100000',
  ALGOCHAT_CONNECTION_BURST: '100000',
}

/** Concurrent admin requests while provisioning rooms. */
const provisionConcurrency = 16

/** Short names for the server's Prometheus counters. */
const counterNames: Record<string, string> = {
  accepted: 'algochat_commands_accepted_total',
  sequenced: 'algochat_events_sequenced_total',
  delivered: 'algochat_frames_delivered_total',
  batches: 'algochat_sequencer_batch_size_count',
  batchedCommands: 'algochat_sequencer_batch_size_sum',
  errors: 'algochat_errors_total',
  slowConsumerCloses: 'algochat_slow_consumer_closes_total',
}

export interface DevApp {
  id: string
  secret: string
}

export interface AlgochatTargetOptions {
  /**
   * Path of the server's CLI entry.
   * @default packages/server/dist/cli/main.js, found through the package
   */
  cliPath?: string
  /** Extra environment for the server, over the load settings. */
  env?: Record<string, string>
  /**
   * Where the app to provision and sign tokens for comes from, given the
   * server's base URL. With engines set the server writes no dev app, so
   * a scale run creates its own.
   * @default the dev-app.json the embedded set writes on its first start
   */
  app?: (url: string) => Promise<DevApp>
}

/** The embedded Algochat server, one process, data in a temp dir. */
export class AlgochatTarget implements Target {
  readonly name = 'algochat'
  readonly #options: AlgochatTargetOptions
  #process: ServerProcess | undefined
  #stopGraceMs = 15_000
  #log: ServerLog | undefined
  #url: string | undefined
  #app: DevApp | undefined

  constructor(options: AlgochatTargetOptions = {}) {
    this.#options = options
  }

  async start(options: TargetStartOptions): Promise<RunningServer> {
    const cliPath = this.#options.cliPath ?? serverCliPath()
    const port = await freePort()
    const nodeFlags =
      options.cpuProfileDir === undefined
        ? []
        : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir]

    // A profiled server writes its profile on exit, which takes a while
    // after a long run; killing it early would lose the profile.
    this.#stopGraceMs = options.cpuProfileDir === undefined ? 15_000 : 180_000
    const log = new ServerLog(options.logFile)
    this.#log = log
    this.#process = await ServerProcess.start({
      command: process.execPath,
      args: [
        ...nodeFlags,
        cliPath,
        'start',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--data',
        options.dataDir,
      ],
      env: { ...process.env, ...loadEnv, ...this.#options.env },
      cpus: options.cpus,
      ready: /listening on/,
      onLine: (line) => log.line(line),
    })

    this.#url = `http://127.0.0.1:${port}`
    this.#app = this.#options.app
      ? await this.#options.app(this.#url)
      : (JSON.parse(
          await readFile(join(options.dataDir, 'dev-app.json'), 'utf8'),
        ) as DevApp)
    return {
      pid: this.#process.pid,
      url: this.#url,
      version: await serverVersion(cliPath),
      revision: sourceRevision(join(dirname(cliPath), '..', '..')),
    }
  }

  async provision(
    layout: RoomLayout,
    onProgress: (done: number, total: number) => void,
  ): Promise<void> {
    const { url, app } = this.#running()
    const total = layout.rooms.reduce((n, room) => n + room.members.length, 0)
    let done = 0

    await runLimited(layout.rooms, provisionConcurrency, async (room) => {
      const [owner, ...members] = room.members
      await this.#admin('POST', `${url}/v1/apps/${app.id}/rooms`, app, {
        id: room.id,
        kind: 'public',
        ...(owner === undefined ? {} : { owner }),
      })
      done += 1
      for (const member of members) {
        await this.#admin(
          'PUT',
          `${url}/v1/apps/${app.id}/rooms/${room.id}/members/${member}`,
          app,
          { role: 'member' },
        )
        done += 1
      }
      onProgress(done, total)
    })
  }

  driver(): Driver {
    const { url, app } = this.#running()
    return new AlgochatDriver({
      wsUrl: `${url.replace(/^http/, 'ws')}/v1/ws`,
      app: app.id,
      secret: app.secret,
    })
  }

  async counters(): Promise<Record<string, number>> {
    if (!this.#url) return {}
    try {
      const response = await fetch(`${this.#url}/metrics`, {
        signal: AbortSignal.timeout(2_000),
      })
      const totals = sumMetrics(
        await response.text(),
        Object.values(counterNames),
      )
      return Object.fromEntries(
        Object.entries(counterNames).map(([short, name]) => [
          short,
          totals[name] ?? 0,
        ]),
      )
    } catch {
      // A server too busy to answer in time has no counters this round.
      return {}
    }
  }

  log(): ServerLogSummary | null {
    return this.#log?.summary() ?? null
  }

  async stop(): Promise<void> {
    await this.#process?.stop(this.#stopGraceMs)
    await this.#log?.close()
    this.#process = undefined
  }

  /** The server's last output lines, for failure messages. */
  output(): string {
    return this.#process?.output() ?? ''
  }

  #running(): { url: string; app: DevApp } {
    if (!this.#url || !this.#app) throw new Error('server is not started')
    return { url: this.#url, app: this.#app }
  }

  async #admin(method: string, url: string, app: DevApp, body: unknown) {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${app.secret}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })
    if (!response.ok) {
      throw new Error(
        `${method} ${url}: ${response.status} ${await response.text()}`,
      )
    }
    await response.arrayBuffer()
  }
}

/** The CLI next to the server package's entry point. */
function serverCliPath(): string {
  const entry = fileURLToPath(import.meta.resolve('@algochat/server'))
  return join(dirname(entry), 'cli', 'main.js')
}

async function serverVersion(cliPath: string): Promise<string> {
  try {
    const manifest = JSON.parse(
      await readFile(
        join(dirname(cliPath), '..', '..', 'package.json'),
        'utf8',
      ),
    ) as { name?: string; version?: string }
    return `${manifest.name ?? 'algochat'}@${manifest.version ?? 'unknown'}`
  } catch {
    return 'algochat@unknown'
  }
}
