import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { CentrifugoDriver } from '../drivers/centrifugo/centrifugo-driver.js'
import type { Driver } from '../drivers/driver.js'
import { freePort } from '../net/free-port.js'
import { ServerLog, type ServerLogSummary } from './server-log.js'
import { ServerProcess } from './server-process.js'
import type { RunningServer, Target, TargetStartOptions } from './target.js'

/** The release the comparison is pinned to. */
export const centrifugoModule = 'github.com/centrifugal/centrifugo/v6'
export const centrifugoVersion = 'v6.9.1'
/** Namespace every room channel lives in. */
const namespace = 'chat'

export interface CentrifugoTargetOptions {
  /** @default ~/go/bin/centrifugo, installed with `go install` if absent */
  binary?: string
  /**
   * Redis engine shared by the nodes of one server; the memory broker,
   * which reaches one node only, without it.
   */
  redis?: CentrifugoRedis
  /**
   * Token secret; the nodes of one server must share it.
   * @default 32 random bytes per target
   */
  secret?: string
}

export interface CentrifugoRedis {
  url: string
  /** Key and channel prefix, so that runs never meet in Redis. */
  prefix: string
}

/**
 * Centrifugo v6 with the memory broker, configured like the other
 * servers: JSON over WebSocket, no compression, HS256 client tokens, one
 * namespace where clients subscribe and publish, no history or presence.
 */
export class CentrifugoTarget implements Target {
  readonly name = 'centrifugo'
  readonly #binary: string
  readonly #secret: string
  readonly #redis: CentrifugoRedis | undefined
  #process: ServerProcess | undefined
  #log: ServerLog | undefined
  #url: string | undefined

  constructor(options: CentrifugoTargetOptions = {}) {
    this.#binary = options.binary ?? join(homedir(), 'go', 'bin', 'centrifugo')
    this.#secret = options.secret ?? randomBytes(32).toString('hex')
    this.#redis = options.redis
  }

  async start(options: TargetStartOptions): Promise<RunningServer> {
    ensureInstalled(this.#binary)
    const port = await freePort()
    const configPath = join(options.dataDir, 'centrifugo.json')
    await writeFile(
      configPath,
      JSON.stringify(
        centrifugoConfig(port, this.#secret, this.#redis),
        null,
        2,
      ),
    )

    const log = new ServerLog(options.logFile)
    this.#log = log
    this.#process = await ServerProcess.start({
      command: this.#binary,
      args: ['-c', configPath],
      env: { ...process.env },
      cpus: options.cpus,
      ready: /serving websocket/,
      onLine: (line) => log.line(line),
    })
    this.#url = `http://127.0.0.1:${port}`
    return {
      pid: this.#process.pid,
      url: this.#url,
      version: `centrifugo@${installedVersion(this.#binary)}`,
      revision: null,
    }
  }

  async provision(): Promise<void> {
    // Channels need no setup: the namespace's rules admit any member.
  }

  driver(): Driver {
    if (!this.#url) throw new Error('server is not started')
    return new CentrifugoDriver({
      wsUrl: `${this.#url.replace(/^http/, 'ws')}/connection/websocket`,
      secret: this.#secret,
      namespace,
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

/** The v6 configuration; key names follow `centrifugo defaultconfig`. */
export function centrifugoConfig(
  port: number,
  secret: string,
  redis?: CentrifugoRedis,
): object {
  return {
    ...(redis === undefined
      ? {}
      : {
          engine: {
            type: 'redis',
            redis: { address: [redis.url], prefix: redis.prefix },
          },
        }),
    http_server: { address: '127.0.0.1', port },
    log: { level: 'info' },
    client: {
      token: { hmac_secret_key: secret },
      allowed_origins: ['*'],
    },
    channel: {
      namespaces: [
        {
          name: namespace,
          allow_subscribe_for_client: true,
          allow_publish_for_subscriber: true,
          history_size: 0,
          history_ttl: '0s',
          presence: false,
          join_leave: false,
        },
      ],
    },
    websocket: { compression: false },
  }
}

function ensureInstalled(binary: string): void {
  if (existsSync(binary)) return
  execFileSync('go', ['install', `${centrifugoModule}@${centrifugoVersion}`], {
    stdio: 'inherit',
    timeout: 600_000,
  })
}

/** `go install` builds leave `centrifugo version` at v0.0.0; ask go. */
function installedVersion(binary: string): string {
  try {
    const info = execFileSync('go', ['version', '-m', binary], {
      encoding: 'utf8',
      timeout: 10_000,
    })
    const line = info
      .split('\n')
      .find((l) => l.trim().startsWith(`mod\t${centrifugoModule}`))
    return line?.trim().split('\t')[2] ?? centrifugoVersion
  } catch {
    return centrifugoVersion
  }
}
