import type { ServerFrame } from '@algochat/protocol'
import WebSocket from 'ws'
import type { ConnectOptions, DriverClient } from '../driver.js'
import { readCommandReply, type CommandReply } from './command-reply.js'
import { readFrame } from './frame-reader.js'

export interface AlgochatConnectOptions extends ConnectOptions {
  /**
   * Called with `accepted`, `ack` and refusals of the client's sends, at
   * the harness time the frame arrived. Unset, the replies are skipped
   * unparsed, as the steady scenarios want.
   */
  onReply?: (reply: CommandReply, receivedAt: number) => void
}

/**
 * The server drops a send whose (user, clientId) it has seen, as it
 * must for retries; the counter is shared by every client of the process
 * so that a user who reconnects never reuses an id.
 */
let nextClientId = 0

/** How long a request (auth, subscribe) may wait for its reply. */
const replyTimeoutMs = 15_000

interface PendingReply {
  resolve: (frame: ServerFrame) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/**
 * One benchmark client on the Algochat protocol: authenticates, pings at
 * the interval the server asks for, subscribes to rooms and sends
 * messages without waiting for their acks.
 */
export class AlgochatClient implements DriverClient {
  readonly #socket: WebSocket
  readonly #options: AlgochatConnectOptions
  readonly #pending = new Map<string, PendingReply>()
  /** Highest seq seen per room: where a resubscribe resumes. */
  readonly #lastSeq = new Map<string, number>()
  #nextRef = 0
  #heartbeat: NodeJS.Timeout | undefined
  #closing = false
  #established = false

  constructor(socket: WebSocket, options: AlgochatConnectOptions) {
    this.#socket = socket
    this.#options = options
    socket.on('message', (data: Buffer) => this.#receive(data))
    socket.on('error', () => {
      // 'close' follows every error; it settles what is pending.
    })
    socket.on('close', (code: number) => this.#closed(code))
  }

  /** Waits for the socket to open, then authenticates with `token`. */
  async open(token: string): Promise<void> {
    if (this.#socket.readyState !== WebSocket.OPEN) {
      await new Promise<void>((resolve, reject) => {
        this.#socket.once('open', resolve)
        this.#socket.once('close', (code: number) =>
          reject(new Error(`socket closed before open (${code})`)),
        )
      })
    }

    const welcome = await this.#request({ op: 'auth', token })
    if (welcome.op !== 'welcome') {
      throw new Error(`expected welcome, got ${welcome.op}`)
    }
    this.#startHeartbeat(welcome.heartbeatMs)
    this.#established = true
  }

  async join(room: string, resumeFrom?: number): Promise<void> {
    const reply = await this.#request({
      op: 'subscribe',
      room,
      ...(resumeFrom === undefined ? {} : { since: resumeFrom }),
    })
    if (reply.op !== 'subscribed') {
      throw new Error(`expected subscribed, got ${reply.op}`)
    }

    // Events missed while away come back in the reply, oldest first.
    const receivedAt = performance.now()
    for (const event of reply.events) {
      if (event.kind !== 'message') continue
      this.#lastSeq.set(room, event.seq)
      this.#options.onDelivery({
        room,
        payload: event.text,
        receivedAt,
        replayed: true,
      })
    }
    if (!this.#lastSeq.has(room)) this.#lastSeq.set(room, reply.lastSeq)
  }

  resumePoint(room: string): number | undefined {
    return this.#lastSeq.get(room)
  }

  get connected(): boolean {
    return this.#socket.readyState === WebSocket.OPEN
  }

  drop(): void {
    this.#closing = true
    clearInterval(this.#heartbeat)
    this.#socket.terminate()
  }

  publish(room: string, payload: string): void {
    this.send(room, payload)
  }

  /**
   * Sends one message and returns the clientId its replies will carry,
   * or undefined when the socket is not open and nothing was sent.
   */
  send(room: string, payload: string): string | undefined {
    if (this.#socket.readyState !== WebSocket.OPEN) return undefined
    nextClientId += 1
    const clientId = nextClientId.toString(36)
    this.#socket.send(
      JSON.stringify({ op: 'send', room, clientId, text: payload }),
    )
    return clientId
  }

  get bufferedBytes(): number {
    return this.#socket.bufferedAmount
  }

  async close(): Promise<void> {
    this.#closing = true
    clearInterval(this.#heartbeat)
    if (this.#socket.readyState === WebSocket.CLOSED) return

    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#socket.terminate()
        resolve()
      }, 2_000)
      this.#socket.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      this.#socket.close(1000, 'bench done')
    })
  }

  #request(frame: Record<string, unknown>): Promise<ServerFrame> {
    this.#nextRef += 1
    const ref = this.#nextRef.toString(36)

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(ref)
        reject(new Error(`no reply to ${String(frame['op'])} in time`))
      }, replyTimeoutMs)
      this.#pending.set(ref, { resolve, reject, timer })
      this.#socket.send(JSON.stringify({ ...frame, ref }))
    })
  }

  #receive(data: Buffer): void {
    const receivedAt = performance.now()
    // Frames are JSON; the benchmark's own text is ASCII, so latin1
    // decodes it correctly and skips UTF-8 work on the hot path.
    const inbound = readFrame(data.toString('latin1'))

    if (inbound.kind === 'message') {
      this.#lastSeq.set(inbound.room, inbound.seq)
      this.#options.onDelivery({
        room: inbound.room,
        payload: inbound.text,
        receivedAt,
        replayed: false,
      })
      return
    }
    if (inbound.kind === 'routine') {
      if (this.#options.onReply) this.#reply(data, receivedAt)
      return
    }

    const { frame } = inbound
    if (frame.op === 'error') {
      this.#options.onError(frame.code)
      if (this.#options.onReply) this.#reply(data, receivedAt)
    }
    const ref = 'ref' in frame ? frame.ref : undefined
    const pending = ref === undefined ? undefined : this.#pending.get(ref)
    if (!pending) return

    this.#pending.delete(ref!)
    clearTimeout(pending.timer)
    if (frame.op === 'error') {
      pending.reject(new Error(`${frame.code}: ${frame.message}`))
    } else {
      pending.resolve(frame)
    }
  }

  #reply(data: Buffer, receivedAt: number): void {
    const reply = readCommandReply(data.toString('latin1'))
    if (reply) this.#options.onReply?.(reply, receivedAt)
  }

  #startHeartbeat(heartbeatMs: number): void {
    // Spread pings over most of the interval so thousands of clients do
    // not ping in the same millisecond.
    const period = Math.round(heartbeatMs * (0.6 + Math.random() * 0.2))
    this.#heartbeat = setInterval(() => {
      if (this.#socket.readyState === WebSocket.OPEN) {
        this.#socket.send('{"op":"ping"}')
      }
    }, period)
    this.#heartbeat.unref()
  }

  #closed(code: number): void {
    clearInterval(this.#heartbeat)
    for (const [ref, pending] of this.#pending) {
      clearTimeout(pending.timer)
      pending.reject(new Error(`socket closed (${code})`))
      this.#pending.delete(ref)
    }
    if (this.#established && !this.#closing) {
      this.#options.onClose(`closed with code ${code}`)
    }
  }
}
