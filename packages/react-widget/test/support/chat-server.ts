import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const serverCli = fileURLToPath(
  new URL('../../../server/dist/cli/main.js', import.meta.url),
)

interface DevApp {
  id: string
  secret: string
}

/**
 * A real Algochat server process (embedded mode) on a free port with its
 * own data directory; it serves the demo page and the built embed script.
 */
export class ChatServer {
  readonly port: number
  readonly dataDir: string
  app: DevApp = { id: '', secret: '' }
  #process: ChildProcess | undefined
  #output = ''

  private constructor(port: number, dataDir: string) {
    this.port = port
    this.dataDir = dataDir
  }

  static async start(): Promise<ChatServer> {
    if (!existsSync(serverCli)) {
      throw new Error(
        'The server is not built: run `pnpm --filter @algochat/protocol --filter @algochat/server build`',
      )
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'algochat-widget-'))
    const server = new ChatServer(await freePort(), dataDir)
    await server.restart()
    server.app = await readDevApp(join(dataDir, 'dev-app.json'))
    return server
  }

  /** The HTTP origin: demo page, guest sessions, WebSocket. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Starts the process (again) on the same port and data. */
  async restart(): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        serverCli,
        'start',
        '--host',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--data',
        this.dataDir,
      ],
      {
        env: {
          ...process.env,
          // Tests chat quickly from one address.
          ALGOCHAT_USER_COMMAND_RATE: '1000',
          ALGOCHAT_USER_COMMAND_BURST: '1000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.#process = child
    child.once('exit', () => {
      if (this.#process === child) this.#process = undefined
    })

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start:\n${this.#output}`)),
        30_000,
      )
      const watch = (chunk: Buffer) => {
        this.#output += chunk.toString()
        if (this.#output.includes('listening on')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child.stdout?.on('data', watch)
      child.stderr?.on('data', watch)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`server exited with ${code}:\n${this.#output}`))
      })
    })
    this.#output = ''
  }

  async kill(): Promise<void> {
    const child = this.#process
    if (!child) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  async dispose(): Promise<void> {
    await this.kill()
    await rm(this.dataDir, { recursive: true, force: true })
  }

  /** A user token, signed as a site's backend would (HS256, app secret). */
  token(user: string, name = user): string {
    const now = Math.floor(Date.now() / 1000)
    const encode = (value: object) =>
      Buffer.from(JSON.stringify(value)).toString('base64url')
    const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
      sub: user,
      aud: this.app.id,
      name,
      iat: now,
      exp: now + 3_600,
    })}`
    const signature = createHmac('sha256', this.app.secret)
      .update(body)
      .digest('base64url')
    return `${body}.${signature}`
  }

  /** Calls the admin API with the app secret. */
  async admin(method: string, path: string, body?: object): Promise<unknown> {
    const response = await fetch(`${this.url}/v1/apps/${this.app.id}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.app.secret}`,
        ...(body && { 'content-type': 'application/json' }),
      },
      ...(body && { body: JSON.stringify(body) }),
    })
    if (!response.ok) {
      throw new Error(
        `${method} ${path}: ${response.status} ${await response.text()}`,
      )
    }
    return response.json()
  }
}

/** Fastify says "listening" a moment before the dev app file is complete. */
async function readDevApp(file: string): Promise<DevApp> {
  for (let tries = 0; ; tries++) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as DevApp
    } catch (error) {
      if (tries > 100) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
