import { SignJWT } from 'jose'
import WebSocket from 'ws'
import type { ConnectOptions, Driver, DriverClient } from '../driver.js'
import { SocketIoClient } from './socketio-client.js'

export interface SocketIoDriverOptions {
  /** e.g. 'ws://127.0.0.1:41234' */
  wsBase: string
  /** Tokens are signed HS256 with it, as for Algochat. */
  secret: string
}

/** Token lifetime: longer than any run. */
const tokenTtl = '6h'

/** Socket.IO over the websocket transport only, no polling upgrade. */
export class SocketIoDriver implements Driver {
  readonly name = 'socketio'
  readonly #options: SocketIoDriverOptions
  readonly #key: Uint8Array

  constructor(options: SocketIoDriverOptions) {
    this.#options = options
    this.#key = new TextEncoder().encode(options.secret)
  }

  async connect(options: ConnectOptions): Promise<DriverClient> {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(options.user)
      .setIssuedAt()
      .setExpirationTime(tokenTtl)
      .sign(this.#key)

    const socket = new WebSocket(
      `${this.#options.wsBase}/socket.io/?EIO=4&transport=websocket`,
      {
        perMessageDeflate: false,
        skipUTF8Validation: true,
        handshakeTimeout: 15_000,
        ...(options.localAddress === undefined
          ? {}
          : { localAddress: options.localAddress }),
      },
    )
    const client = new SocketIoClient(socket, options)
    try {
      await client.open(token)
    } catch (error) {
      socket.terminate()
      throw error
    }
    return client
  }
}
