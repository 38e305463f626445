import { SignJWT } from 'jose'
import WebSocket from 'ws'
import type { ConnectOptions, Driver, DriverClient } from '../driver.js'
import { CentrifugoClient } from './centrifugo-client.js'

export interface CentrifugoDriverOptions {
  /** e.g. 'ws://127.0.0.1:41234/connection/websocket' */
  wsUrl: string
  /** The client token HMAC secret from the server's config. */
  secret: string
  /** Namespace the rooms live in: room r1 is channel `<namespace>:r1`. */
  namespace: string
}

/** Token lifetime: longer than any run. */
const tokenTtl = '6h'

/** Centrifugo's JSON protocol over its bidirectional WebSocket. */
export class CentrifugoDriver implements Driver {
  readonly name = 'centrifugo'
  readonly #options: CentrifugoDriverOptions
  readonly #key: Uint8Array

  constructor(options: CentrifugoDriverOptions) {
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

    const socket = new WebSocket(this.#options.wsUrl, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      handshakeTimeout: 15_000,
      ...(options.localAddress === undefined
        ? {}
        : { localAddress: options.localAddress }),
    })
    const prefix = `${this.#options.namespace}:`
    const client = new CentrifugoClient(
      socket,
      options,
      (room) => prefix + room,
    )
    try {
      await client.open(token)
    } catch (error) {
      socket.terminate()
      throw error
    }
    return client
  }
}
