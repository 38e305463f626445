import WebSocket from 'ws'
import type { ConnectOptions, DriverClient } from '../driver.js'
import {
  readSocketIoFrame,
  socketIoConnect,
  socketIoEvent,
  type SocketIoFrame,
} from './engineio-frame.js'

/** How long the handshake or a join may wait for its answer. */
const replyTimeoutMs = 15_000

/**
 * One benchmark client on Socket.IO's wire protocol: engine.io open,
 * namespace connect with the token in `auth`, pong for every ping,
 * `join` with an ack and `publish` without one.
 */
export class SocketIoClient implements DriverClient {
  readonly #socket: WebSocket
  readonly #options: ConnectOptions
  readonly #acks = new Map<number, () => void>()
  #waiting: ((frame: SocketIoFrame) => void) | undefined
  #nextAck = 0
  #closing = false
  #established = false

  constructor(socket: WebSocket, options: ConnectOptions) {
    this.#socket = socket
    this.#options = options
    socket.on('message', (data: Buffer) => this.#receive(data))
    socket.on('error', () => {
      // 'close' follows every error.
    })
    socket.on('close', (code: number) => {
      this.#waiting?.({ kind: 'close' })
      if (this.#established && !this.#closing) {
        this.#options.onClose(`closed with code ${code}`)
      }
    })
  }

  /** Waits for the engine.io open, then connects the namespace. */
  async open(token: string): Promise<void> {
    const open = await this.#next()
    if (open.kind !== 'open') throw new Error(`expected open, got ${open.kind}`)
    this.#socket.send(socketIoConnect({ token }))
    const reply = await this.#next()
    if (reply.kind === 'connect-error') {
      this.#options.onError(reply.message)
      throw new Error(`connect refused: ${reply.message}`)
    }
    if (reply.kind !== 'connect') {
      throw new Error(`expected connect, got ${reply.kind}`)
    }
    this.#established = true
  }

  async join(room: string): Promise<void> {
    this.#nextAck += 1
    const id = this.#nextAck
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#acks.delete(id)
        reject(new Error('no reply to join in time'))
      }, replyTimeoutMs)
      this.#acks.set(id, () => {
        clearTimeout(timer)
        resolve()
      })
      this.#socket.send(socketIoEvent('join', [room], id))
    })
  }

  publish(room: string, payload: string): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return
    this.#socket.send(socketIoEvent('publish', [room, payload]))
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

  /** The next frame during the handshake, bounded by the reply timeout. */
  #next(): Promise<SocketIoFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = undefined
        reject(new Error('no handshake reply in time'))
      }, replyTimeoutMs)
      this.#waiting = (frame) => {
        clearTimeout(timer)
        this.#waiting = undefined
        if (frame.kind === 'close') reject(new Error('socket closed'))
        else resolve(frame)
      }
    })
  }

  #receive(data: Buffer): void {
    const receivedAt = performance.now()
    const text = data.toString('latin1')

    if (text === '2') {
      this.#socket.send('3')
      return
    }

    const frame = readSocketIoFrame(text)
    if (frame.kind === 'event' && frame.name === 'message') {
      const [room, payload] = frame.args
      this.#options.onDelivery({
        room: String(room),
        payload: String(payload),
        receivedAt,
        replayed: false,
      })
      return
    }
    if (this.#waiting) {
      this.#waiting(frame)
      return
    }
    if (frame.kind === 'ack') {
      const ack = this.#acks.get(frame.id)
      this.#acks.delete(frame.id)
      ack?.()
    } else if (frame.kind === 'connect-error') {
      this.#options.onError(frame.message)
    }
  }
}
