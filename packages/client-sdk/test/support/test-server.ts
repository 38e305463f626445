import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SignJWT } from 'jose'

/** The server CLI; build it with `pnpm --filter @algochat/server build`. */
export const serverCli = fileURLToPath(
  new URL('../../../server/dist/cli/main.js', import.meta.url),
)

export interface DevApp {
  id: string
  secret: string
}

/**
 * A real Algochat server process in embedded mode, on its own port and
 * data directory. It can be killed and started again on both.
 */
export class TestServer {
  readonly port: number
  readonly dataDir: string
  readonly env: Record<string, string>
  app: DevApp = { id: '', secret: '' }
  #process: ChildProcess | undefined
  #output = ''

  private constructor(
    port: number,
    dataDir: string,
    env: Record<string, string>,
  ) {
    this.port = port
    this.dataDir = dataDir
    this.env = env
  }

  static async start(env: Record<string, string> = {}): Promise<TestServer> {
    if (!existsSync(serverCli)) {
      throw new Error(
        `${serverCli} is missing: run "pnpm --filter @algochat/server build"`,
      )
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'algochat-sdk-'))
    const server = new TestServer(await freePort(), dataDir, {
      // Tests send in bursts; the default per-user rate would only slow them.
      ALGOCHAT_USER_COMMAND_RATE: '1000',
      ALGOCHAT_USER_COMMAND_BURST: '1000',
      ...env,
    })
    try {
      await server.restart()
      server.app = await readDevApp(join(dataDir, 'dev-app.json'))
    } catch (error) {
      await server.dispose()
      throw error
    }
    return server
  }

  /** The address clients connect to. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}`
  }

  get running(): boolean {
    return this.#process !== undefined
  }

  /** Starts the process (again) on the same port and data directory. */
  async restart(): Promise<void> {
    if (this.#process) throw new Error('server already running')
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
        env: { ...process.env, ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.#process = child
    // A test run that dies (a timeout, a crash) must not leave servers behind.
    const orphaned = () => child.kill('SIGKILL')
    process.once('exit', orphaned)
    child.once('exit', () => {
      process.off('exit', orphaned)
      if (this.#process === child) this.#process = undefined
    })

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start:\n${this.#output}`)),
        30_000,
      )
      const watch = (chunk: Buffer) => {
        this.#output += chunk.toString()
        if (this.#output.includes('listening')) {
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

  /** Kills the process (by default without any chance to clean up). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#process
    if (!child) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }

  /** Stops the process and deletes its data. */
  async dispose(): Promise<void> {
    await this.kill('SIGTERM')
    await rm(this.dataDir, { recursive: true, force: true })
  }

  /** A user token for the dev app, as a site's backend would sign it. */
  async token(user: string, expiresInSeconds = 3_600): Promise<string> {
    return new SignJWT({ name: user })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user)
      .setAudience(this.app.id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(new TextEncoder().encode(this.app.secret))
  }
}

/**
 * Fastify announces "listening" a moment before the dev app file is
 * written, so the file is read until it holds complete JSON.
 */
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
