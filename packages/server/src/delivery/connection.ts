import type { ErrorCode, ServerFrame } from '@algochat/protocol'
import { AlgochatError, closeCodes, describeError } from '@algochat/protocol'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import type { Identity } from '../auth/identity.js'
import type { App } from '../ports/account-store.js'

const OPEN = 1

export interface ConnectionOptions {
  /** Bytes the socket may have queued before it counts as too slow. */
  maxBufferedBytes: number
  onSlowConsumer: () => void
}

/**
 * One client socket: who it is, which rooms it follows, and the only way
 * to write to it. Writes check the socket's queued bytes first, so a
 * client that stops reading is closed instead of growing the heap.
 */
export class Connection {
  readonly id: string
  readonly app: App
  readonly logger: Logger
  readonly rooms = new Set<string>()
  identity: Identity | undefined
  /** Bad frames and floods so far; past a limit the socket is closed. */
  protocolErrors = 0
  /** When this connection last relayed typing, per room. */
  readonly lastTyping = new Map<string, number>()
  #closed = false
  #expiryTimer: NodeJS.Timeout | undefined
  readonly #socket: WebSocket
  readonly #options: ConnectionOptions

  constructor(
    id: string,
    app: App,
    socket: WebSocket,
    logger: Logger,
    options: ConnectionOptions,
  ) {
    this.id = id
    this.app = app
    this.#socket = socket
    this.logger = logger
    this.#options = options
  }

  get closed(): boolean {
    return this.#closed || this.#socket.readyState !== OPEN
  }

  /** The verified identity; only handlers that run after auth call this. */
  get user(): Identity {
    if (!this.identity) throw new AlgochatError('unauthenticated')
    return this.identity
  }

  send(frame: ServerFrame): void {
    this.sendRaw(JSON.stringify(frame))
  }

  /** Writes an already serialized frame; fan-out shares one string. */
  sendRaw(data: string): void {
    if (this.closed) return

    if (this.#socket.bufferedAmount > this.#options.maxBufferedBytes) {
      this.#options.onSlowConsumer()
      this.fail('slow_consumer', closeCodes.slowConsumer)
      return
    }
    this.#socket.send(data)
  }

  /** Sends the error, then closes with `closeCode`. */
  fail(code: ErrorCode, closeCode: number, message?: string): void {
    if (this.closed) return
    const error = new AlgochatError(code, message)
    this.#socket.send(
      JSON.stringify({
        op: 'error',
        code,
        message: describeError(error),
        retryable: error.retryable,
      } satisfies ServerFrame),
    )
    this.close(closeCode, code)
  }

  /**
   * Runs `onExpire` when the token expires, unless a refreshed token moves
   * the deadline first. Node timers cap at about 24.8 days; later
   * deadlines are simply not armed, which only matters for tokens that
   * outlive a connection by weeks.
   */
  setExpiry(at: number | null, onExpire: () => void): void {
    clearTimeout(this.#expiryTimer)
    if (at === null) return
    const delay = at - Date.now()
    if (delay > 2 ** 31 - 1) return
    this.#expiryTimer = setTimeout(onExpire, Math.max(0, delay))
    this.#expiryTimer.unref()
  }

  close(code: number, reason: string): void {
    if (this.#closed) return
    this.#closed = true
    clearTimeout(this.#expiryTimer)
    this.#socket.close(code, reason)

    // A peer that never answers the close handshake must not hold the
    // socket open forever.
    setTimeout(() => this.#socket.terminate(), 5_000).unref()
  }
}
