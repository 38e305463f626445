import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Driver } from '../drivers/driver.js'
import { SocketIoDriver } from '../drivers/socketio/socketio-driver.js'
import { freePort } from '../net/free-port.js'
import { ServerLog, type ServerLogSummary } from './server-log.js'
import { ServerProcess } from './server-process.js'
import type { RunningServer, Target, TargetStartOptions } from './target.js'

const serverPath = fileURLToPath(
  new URL('../../peers/socketio/server.ts', import.meta.url),
)
const manifestPath = fileURLToPath(
  new URL('../../node_modules/socket.io/package.json', import.meta.url),
)

export interface SocketIoTargetOptions {
  /** Redis for the adapter; one node without it. */
  redisUrl?: string
  /**
   * Token secret; the nodes of one server must share it.
   * @default 32 random bytes per target
   */
  secret?: string
}

/**
 * The Socket.IO peer (bench/peers/socketio), one Node process. It keeps
 * no rooms ahead of time, so provisioning is a no-op: a room exists
 * while a socket is in it.
 */
export class SocketIoTarget implements Target {
  readonly name = 'socketio'
  readonly #options: SocketIoTargetOptions
  readonly #secret: string
  #process: ServerProcess | undefined
  #log: ServerLog | undefined
  #url: string | undefined

  constructor(options: SocketIoTargetOptions = {}) {
    this.#options = options
    this.#secret = options.secret ?? randomBytes(32).toString('hex')
  }

  async start(options: TargetStartOptions): Promise<RunningServer> {
    const port = await freePort()
    const log = new ServerLog(options.logFile)
    this.#log = log
    const nodeFlags =
      options.cpuProfileDir === undefined
        ? []
        : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir]

    this.#process = await ServerProcess.start({
      command: process.execPath,
      args: [...nodeFlags, '--import', import.meta.resolve('tsx'), serverPath],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SECRET: this.#secret,
        ...(this.#options.redisUrl
          ? { REDIS_URL: this.#options.redisUrl }
          : {}),
      },
      cpus: options.cpus,
      ready: /listening on/,
      onLine: (line) => log.line(line),
    })
    this.#url = `http://127.0.0.1:${port}`
    return {
      pid: this.#process.pid,
      url: this.#url,
      version: await socketIoVersion(),
      revision: null,
    }
  }

  async provision(): Promise<void> {
    // Socket.IO rooms need no setup: joining creates them.
  }

  driver(): Driver {
    if (!this.#url) throw new Error('server is not started')
    return new SocketIoDriver({
      wsBase: this.#url.replace(/^http/, 'ws'),
      secret: this.#secret,
    })
  }

  async counters(): Promise<Record<string, number>> {
    return {}
  }

  log(): ServerLogSummary | null {
    return this.#log?.summary() ?? null
  }

  async stop(): Promise<void> {
    await this.#process?.stop(15_000)
    await this.#log?.close()
    this.#process = undefined
  }

  output(): string {
    return this.#process?.output() ?? ''
  }
}

async function socketIoVersion(): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      version?: string
    }
    return `socket.io@${manifest.version ?? 'unknown'}`
  } catch {
    return 'socket.io@unknown'
  }
}
