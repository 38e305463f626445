import { AlgochatError, closeCodes } from '@algochat/protocol'
import type { ClientFrame, ServerFrame, WelcomeFrame } from '@algochat/protocol'
import { deferred, type Deferred } from '../deferred.js'
import { errorFromFrame } from '../error-from-frame.js'
import type { ResolvedOptions } from '../options.js'
import { backoffDelay } from './backoff.js'
import { Heartbeat } from './heartbeat.js'
import { Requests, type Replies, type RequestFrame } from './requests.js'
import { openSocket, type Socket } from './socket.js'
import { refreshDelay, resolveToken } from './token.js'

/**
 * Where the client stands:
 * - `idle`: created, `connect()` not called yet
 * - `connecting`: first attempt after `connect()`
 * - `online`: authenticated; rooms are live, the outbox is sending
 * - `reconnecting`: not connected (lost, refused, or not yet reached);
 *   retrying with backoff
 * - `offline`: the browser reports no network; retrying when it returns
 * - `closed`: `close()` was called, or the server refused the token for good
 */
export type ClientStatus =
  | 'idle'
  | 'connecting'
  | 'online'
  | 'reconnecting'
  | 'offline'
  | 'closed'

export interface ConnectionHooks {
  status(status: ClientStatus): void
  online(welcome: WelcomeFrame): void
  offline(): void
  frame(frame: ServerFrame): void
  error(error: AlgochatError): void
}

// Close codes the SDK uses on its own side of the socket.
const byClient = { done: 1000, dead: 4000 }

/**
 * One logical connection over many sockets: authenticates, keeps the
 * heartbeat, refreshes the token, and reconnects with backoff until
 * `close()` or a token the server refuses for good.
 */
export class Connection {
  status: ClientStatus = 'idle'
  /** The latest welcome; kept while offline so the user stays known. */
  welcome: WelcomeFrame | null = null

  #socket: Socket | undefined
  #attempt = 0
  #stopped = true
  #authError: AlgochatError | undefined
  #reconnectSoon = false
  #timer: ReturnType<typeof setTimeout> | undefined
  #refreshTimer: ReturnType<typeof setTimeout> | undefined
  #waiting: Deferred<void> | undefined
  readonly #requests: Requests
  readonly #heartbeat: Heartbeat
  readonly #options: ResolvedOptions
  readonly #hooks: ConnectionHooks

  constructor(options: ResolvedOptions, hooks: ConnectionHooks) {
    this.#options = options
    this.#hooks = hooks
    this.#requests = new Requests(options.requestTimeoutMs)
    this.#heartbeat = new Heartbeat(
      () => this.post({ op: 'ping' }),
      () => this.#socket?.close(byClient.dead),
    )
  }

  /** Resolves once online; rejects if the token is refused or on close. */
  connect(): Promise<void> {
    if (this.status === 'online') return Promise.resolve()
    this.#waiting ??= deferred()
    if (this.#stopped) {
      this.#stopped = false
      this.#setStatus('connecting')
      globalThis.addEventListener?.('online', this.#networkBack)
      void this.#open()
    }
    return this.#waiting.promise
  }

  close(): void {
    this.#stopped = true
    globalThis.removeEventListener?.('online', this.#networkBack)
    clearTimeout(this.#timer)
    this.#socket?.close(byClient.done)
    this.#settle(new AlgochatError('disconnected', 'Client closed'))
    this.#setStatus('closed')
  }

  /** Sends a frame that expects a reply; rejects at once when offline. */
  request<F extends RequestFrame>(frame: F): Promise<Replies[F['op']]> {
    if (this.status !== 'online' || !this.#socket) {
      return Promise.reject(new AlgochatError('disconnected', 'Not connected'))
    }
    const [ref, reply] = this.#requests.track()
    this.#socket.send({ ...frame, ref })
    return reply as Promise<Replies[F['op']]>
  }

  /** Sends a frame when online; returns whether it went out. */
  post(frame: ClientFrame): boolean {
    if (this.status !== 'online' || !this.#socket) return false
    this.#socket.send(frame)
    return true
  }

  async #open(): Promise<void> {
    if (this.status === 'offline') this.#setStatus('reconnecting')
    this.#authError = undefined
    this.#reconnectSoon = false

    let token: string
    try {
      token = await resolveToken(this.#options.token)
    } catch (cause) {
      this.#hooks.error(
        new AlgochatError('token_expired', 'Token provider failed', { cause }),
      )
      return this.#retry()
    }
    // Closed meanwhile, or another attempt (the network came back) won.
    if (this.#stopped || this.#socket) return

    let socket: Socket
    try {
      socket = openSocket(this.#options.WebSocket, this.#options.socketUrl, {
        open: () => socket.send({ op: 'auth', token }),
        frame: (frame) => this.#receive(frame),
        closed: (code) => this.#closed(socket, code),
      })
    } catch (cause) {
      return this.#fail(
        new AlgochatError('invalid_field', 'Cannot open a WebSocket', {
          cause,
        }),
      )
    }
    this.#socket = socket
    this.#timer = setTimeout(
      () => socket.close(byClient.dead),
      this.#options.requestTimeoutMs,
    )
  }

  #receive(frame: ServerFrame): void {
    this.#heartbeat.touch()
    switch (frame.op) {
      case 'welcome':
        return this.#welcomed(frame)
      case 'pong':
        return
      case 'reconnect':
        // The server is going away: leave now and come back quickly.
        this.#reconnectSoon = true
        return this.#socket?.close(byClient.done)
      case 'error':
        if (this.status !== 'online' || frame.code === 'token_expired') {
          this.#authError = errorFromFrame(frame)
          if (this.status !== 'online') return
        }
    }
    if (!this.#requests.receive(frame)) this.#hooks.frame(frame)
  }

  #welcomed(welcome: WelcomeFrame): void {
    this.welcome = welcome
    this.#scheduleRefresh(welcome.expiresIn)
    // A welcome on a live socket answers a token refresh.
    if (this.status === 'online') return

    clearTimeout(this.#timer)
    this.#attempt = 0
    this.#heartbeat.start(welcome.heartbeatMs)
    this.#setStatus('online')
    this.#settle()
    this.#hooks.online(welcome)
  }

  #closed(socket: Socket, code: number): void {
    if (socket !== this.#socket) return
    this.#socket = undefined
    clearTimeout(this.#timer)
    clearTimeout(this.#refreshTimer)
    this.#heartbeat.stop()
    const wasOnline = this.status === 'online'
    this.#requests.failAll(new AlgochatError('disconnected', 'Connection lost'))
    if (wasOnline) this.#hooks.offline()
    if (this.#stopped) return

    // Refused for good: a bad token, a removed user, or an expired token
    // that cannot be replaced because it was given as a string.
    const authError = this.#authError
    const expired = authError?.code === 'token_expired'
    if (
      code === closeCodes.revoked ||
      (code === closeCodes.authFailed &&
        authError &&
        (!authError.retryable ||
          (expired && typeof this.#options.token === 'string')))
    ) {
      return this.#fail(
        authError ?? new AlgochatError('forbidden', 'Server revoked access'),
      )
    }

    // A restart, a slow-consumer close or an expired session needs no
    // backoff beyond a little jitter; everything else backs off.
    const soon =
      this.#reconnectSoon ||
      code === closeCodes.restart ||
      code === closeCodes.slowConsumer ||
      (wasOnline && expired)
    if (soon) this.#attempt = 0
    this.#retry()
  }

  #retry(): void {
    if (this.#stopped) return
    const { reconnectBaseMs, reconnectMaxMs } = this.#options
    const delay = backoffDelay(this.#attempt++, reconnectBaseMs, reconnectMaxMs)
    this.#setStatus(
      globalThis.navigator?.onLine === false ? 'offline' : 'reconnecting',
    )
    this.#timer = setTimeout(() => void this.#open(), delay)
  }

  readonly #networkBack = (): void => {
    if (this.status === 'offline' || this.status === 'reconnecting') {
      if (this.#socket) return
      clearTimeout(this.#timer)
      void this.#open()
    }
  }

  #fail(error: AlgochatError): void {
    this.#settle(error)
    this.close()
    this.#hooks.error(error)
  }

  #settle(error?: AlgochatError): void {
    const waiting = this.#waiting
    this.#waiting = undefined
    if (error) waiting?.reject(error)
    else waiting?.resolve()
  }

  #scheduleRefresh(expiresIn: number | null): void {
    clearTimeout(this.#refreshTimer)
    const source = this.#options.token
    if (expiresIn === null || typeof source !== 'function') return
    this.#refreshTimer = setTimeout(async () => {
      try {
        this.post({ op: 'auth', token: await source() })
      } catch (cause) {
        // The server will close with token_expired; reconnecting asks the
        // provider again.
        this.#hooks.error(
          new AlgochatError('token_expired', 'Token refresh failed', {
            cause,
          }),
        )
      }
    }, refreshDelay(expiresIn))
  }

  #setStatus(status: ClientStatus): void {
    if (this.status === status) return
    this.status = status
    this.#hooks.status(status)
  }
}
