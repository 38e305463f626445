import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface ServerProcessOptions {
  command: string
  args: string[]
  env: NodeJS.ProcessEnv
  /** CPU list for taskset; the server runs unpinned when undefined. */
  cpus: string | undefined
  /** A line of output matching this means the server accepts clients. */
  ready: RegExp
  /** @default 30000 */
  readyTimeoutMs?: number
  /** Called with every line the server prints, stdout and stderr. */
  onLine?: (line: string) => void
}

/** Lines of server output kept for error messages. */
const tailLines = 40

/**
 * A server child process: started (pinned with taskset when asked),
 * watched for its ready line, and stopped with SIGINT so it can close
 * cleanly and flush a CPU profile, then SIGKILL if it will not.
 */
export class ServerProcess {
  readonly #child: ChildProcess
  readonly #tail: string[] = []
  readonly #exited: Promise<number | null>

  private constructor(
    child: ChildProcess,
    onLine: ((line: string) => void) | undefined,
  ) {
    this.#child = child
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code) => resolve(code))
    })
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue
      createInterface({ input: stream }).on('line', (line) => {
        onLine?.(line)
        this.#tail.push(line)
        if (this.#tail.length > tailLines) this.#tail.shift()
      })
    }
  }

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    // taskset execs the command, so the child's pid is the server's.
    const [command, args] =
      options.cpus === undefined
        ? [options.command, options.args]
        : ['taskset', ['-c', options.cpus, options.command, ...options.args]]
    const child = spawn(command, args, {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const server = new ServerProcess(child, options.onLine)
    await server.#waitReady(
      options.ready,
      options.readyTimeoutMs ?? 30_000,
      `${command} ${args.join(' ')}`,
    )
    return server
  }

  get pid(): number {
    const pid = this.#child.pid
    if (pid === undefined) throw new Error('server process has no pid')
    return pid
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null
  }

  /** The last lines the server printed, for diagnostics. */
  output(): string {
    return this.#tail.join('\n')
  }

  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return
    this.#child.kill('SIGINT')
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs)
    await this.#exited
    clearTimeout(timer)
  }

  async #waitReady(ready: RegExp, timeoutMs: number, commandLine: string) {
    const streams = [this.#child.stdout, this.#child.stderr].flatMap((s) =>
      s ? [s] : [],
    )
    let onData: ((chunk: Buffer) => void) | undefined
    let timer: NodeJS.Timeout | undefined

    try {
      await new Promise<void>((resolve, reject) => {
        let seen = ''
        onData = (chunk) => {
          // Keep only a bounded window: the ready line may span chunks.
          seen = (seen + chunk.toString('utf8')).slice(-4_096)
          if (ready.test(seen)) resolve()
        }
        for (const stream of streams) stream.on('data', onData)
        timer = setTimeout(
          () => reject(new Error(`server not ready in ${timeoutMs} ms`)),
          timeoutMs,
        )
        this.#child.once('error', reject)
        void this.#exited.then((code) =>
          reject(new Error(`server exited with code ${code} before ready`)),
        )
      })
    } catch (error) {
      this.#child.kill('SIGKILL')
      throw new Error(
        `${(error as Error).message}: ${commandLine}\n${this.output()}`,
        { cause: error },
      )
    } finally {
      clearTimeout(timer)
      for (const stream of streams) {
        if (onData) stream.off('data', onData)
      }
    }
  }
}
