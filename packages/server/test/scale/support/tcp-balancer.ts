import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP load balancer on loopback, like the one in front of a real
 * deployment: each new connection goes to the next backend that accepts
 * it, so clients of a dead node land on a live one when they reconnect.
 */
export class TcpBalancer {
  readonly #server: Server
  readonly #backends: number[]
  readonly #sockets = new Set<Socket>()
  #next = 0
  port = 0

  constructor(backends: number[]) {
    this.#backends = backends
    this.#server = createServer((client) => this.#route(client))
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/v1/ws`
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.#server.listen(0, '127.0.0.1', resolve),
    )
    const address = this.#server.address()
    this.port = typeof address === 'object' && address ? address.port : 0
  }

  setBackends(ports: number[]): void {
    this.#backends.splice(0, this.#backends.length, ...ports)
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise((resolve) => this.#server.close(resolve))
  }

  #route(client: Socket, attempt = 0): void {
    if (attempt >= this.#backends.length) {
      client.destroy()
      return
    }
    const port = this.#backends[this.#next++ % this.#backends.length]
    const upstream = connect(port ?? 0, '127.0.0.1')
    this.#sockets.add(client)
    this.#sockets.add(upstream)

    let connected = false
    upstream.once('connect', () => {
      connected = true
      client.pipe(upstream)
      upstream.pipe(client)
    })
    upstream.on('error', () => undefined)
    upstream.once('close', () => {
      this.#sockets.delete(upstream)
      // A backend that refused the connection is skipped; one that was
      // serving it takes the client down with it, as a dead node would.
      if (!connected && !client.destroyed) this.#route(client, attempt + 1)
      else client.destroy()
    })
    client.once('close', () => {
      this.#sockets.delete(client)
      upstream.destroy()
    })
    client.on('error', () => upstream.destroy())
  }
}
