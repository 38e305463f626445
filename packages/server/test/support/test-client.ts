import type { ClientFrame, ServerFrame } from '@algochat/protocol'
import WebSocket from 'ws'

type Predicate = (frame: ServerFrame) => boolean

interface Waiter {
  predicate: Predicate
  resolve: (frame: ServerFrame) => void
}

/**
 * A raw protocol client for tests: it sends exactly what it is told and
 * records every frame, so tests can see what a misbehaving client gets.
 */
export class TestClient {
  readonly frames: ServerFrame[] = []
  readonly socket: WebSocket
  readonly closed: Promise<{ code: number; reason: string }>
  #waiters: Waiter[] = []
  #refs = 0

  private constructor(socket: WebSocket) {
    this.socket = socket
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) =>
        resolve({ code, reason: reason.toString() }),
      )
    })
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame
      this.frames.push(frame)
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.predicate(frame)) return true
        waiter.resolve(frame)
        return false
      })
    })
  }

  static async open(
    wsUrl: string,
    app: string,
    options: { origin?: string } = {},
  ): Promise<TestClient> {
    const socket = new WebSocket(`${wsUrl}?app=${encodeURIComponent(app)}`, {
      ...(options.origin ? { origin: options.origin } : {}),
    })
    const client = new TestClient(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`upgrade refused with HTTP ${response.statusCode}`))
      })
    })
    return client
  }

  /** Opens a socket and authenticates it. */
  static async connect(
    wsUrl: string,
    app: string,
    token: string,
  ): Promise<TestClient> {
    const client = await TestClient.open(wsUrl, app)
    const reply = await client.request({ op: 'auth', token })
    if (reply.op !== 'welcome') {
      throw new Error(`auth failed: ${JSON.stringify(reply)}`)
    }
    return client
  }

  send(frame: ClientFrame | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame))
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data)
  }

  /** Sends with a fresh ref and resolves with the reply carrying it. */
  request(frame: ClientFrame, timeoutMs = 5_000): Promise<ServerFrame> {
    const ref = `r${++this.#refs}`
    const reply = this.next(
      (candidate) => 'ref' in candidate && candidate.ref === ref,
      timeoutMs,
    )
    this.send({ ...frame, ref })
    return reply
  }

  /** The first frame from now on that matches. */
  next(predicate: Predicate, timeoutMs = 5_000): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter !== entry)
        reject(new Error(`no matching frame within ${timeoutMs} ms`))
      }, timeoutMs)
      const entry: Waiter = {
        predicate,
        resolve: (frame) => {
          clearTimeout(timer)
          resolve(frame)
        },
      }
      this.#waiters.push(entry)
    })
  }

  /** A frame matching, from those already received or the next ones. */
  seen(predicate: Predicate, timeoutMs = 5_000): Promise<ServerFrame> {
    const found = this.frames.find(predicate)
    return found ? Promise.resolve(found) : this.next(predicate, timeoutMs)
  }

  ofOp<Op extends ServerFrame['op']>(op: Op) {
    return this.frames.filter(
      (frame): frame is Extract<ServerFrame, { op: Op }> => frame.op === op,
    )
  }

  close(): void {
    this.socket.close()
  }
}

/** Sends a message and waits for its ack. */
export async function sendMessage(
  client: TestClient,
  room: string,
  text: string,
  clientId = `c-${Math.random().toString(36).slice(2)}`,
) {
  const ack = client.next(
    (frame) =>
      (frame.op === 'ack' || frame.op === 'error') &&
      'clientId' in frame &&
      frame.clientId === clientId,
  )
  client.send({ op: 'send', room, clientId, text })
  return ack
}
