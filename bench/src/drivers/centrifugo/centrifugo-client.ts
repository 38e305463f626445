import WebSocket from 'ws'
import type { ConnectOptions, DriverClient } from '../driver.js'
import { readCentrifugoFrame } from './centrifugo-frame.js'

/** How long connect or subscribe may wait for its reply. */
const replyTimeoutMs = 15_000

interface Pending {
  resolve: () => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/**
 * One benchmark client on Centrifugo's JSON protocol: `connect` with the
 * token, `subscribe` per room channel, `publish` whose replies are only
 * checked for errors, and `{}` back for every server ping.
 */
export class CentrifugoClient implements DriverClient {
  readonly #socket: WebSocket
  readonly #options: ConnectOptions
  readonly #channel: (room: string) => string
  readonly #pending = new Map<number, Pending>()
  #nextId = 0
  #closing = false
  #established = false

  constructor(
    socket: WebSocket,
    options: ConnectOptions,
    channel: (room: string) => string,
  ) {
    this.#socket = socket
    this.#options = options
    this.#channel = channel
    socket.on('message', (data: Buffer) => this.#receive(data))
    socket.on('error', () => {
      // 'close' follows every error.
    })
    socket.on('close', (code: number) => this.#closed(code))
  }

  async open(token: string): Promise<void> {
    if (this.#socket.readyState !== WebSocket.OPEN) {
      await new Promise<void>((resolve, reject) => {
        this.#socket.once('open', resolve)
        this.#socket.once('close', (code: number) =>
          reject(new Error(`socket closed before open (${code})`)),
        )
      })
    }
    await this.#request('connect', { token, name: 'bench' })
    this.#established = true
  }

  async join(room: string): Promise<void> {
    await this.#request('subscribe', { channel: this.#channel(room) })
  }

  publish(room: string, payload: string): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return
    // Replies need an id; they are read only to count errors.
    this.#nextId += 1
    this.#socket.send(
      JSON.stringify({
        id: this.#nextId,
        publish: { channel: this.#channel(room), data: payload },
      }),
    )
  }

  resumePoint(): number | undefined {
    // Configured without recovery: what is missed while away is lost.
    return undefined
  }

  get connected(): boolean {
    return this.#socket.readyState === WebSocket.OPEN
  }

  drop(): void {
    this.#closing = true
    this.#socket.terminate()
  }

  get bufferedBytes(): number {
    return this.#socket.bufferedAmount
  }

  async close(): Promise<void> {
    this.#closing = true
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

  #request(command: string, body: Record<string, unknown>): Promise<void> {
    this.#nextId += 1
    const id = this.#nextId
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`no reply to ${command} in time`))
      }, replyTimeoutMs)
      this.#pending.set(id, { resolve, reject, timer })
      this.#socket.send(JSON.stringify({ id, [command]: body }))
    })
  }

  #receive(data: Buffer): void {
    const receivedAt = performance.now()
    for (const message of readCentrifugoFrame(data.toString('latin1'))) {
      switch (message.kind) {
        case 'publication':
          this.#options.onDelivery({
            room: message.channel,
            payload: String(message.data),
            receivedAt,
            replayed: false,
          })
          break
        case 'ping':
          this.#socket.send('{}')
          break
        case 'reply':
          this.#settle(message.id, message.error)
          break
        case 'disconnect':
          this.#options.onError(`disconnect ${message.code}`)
          break
        case 'other':
          break
      }
    }
  }

  #settle(
    id: number,
    error: { code: number; message: string } | undefined,
  ): void {
    if (error) this.#options.onError(`${error.code} ${error.message}`)
    const pending = this.#pending.get(id)
    if (!pending) return
    this.#pending.delete(id)
    clearTimeout(pending.timer)
    if (error) pending.reject(new Error(`${error.code}: ${error.message}`))
    else pending.resolve()
  }

  #closed(code: number): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer)
      pending.reject(new Error(`socket closed (${code})`))
      this.#pending.delete(id)
    }
    if (this.#established && !this.#closing) {
      this.#options.onClose(`closed with code ${code}`)
    }
  }
}
