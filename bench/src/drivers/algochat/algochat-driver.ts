import { SignJWT } from 'jose'
import WebSocket from 'ws'
import type { Driver } from '../driver.js'
import {
  AlgochatClient,
  type AlgochatConnectOptions,
} from './algochat-client.js'

export interface AlgochatDriverOptions {
  /** e.g. 'ws://127.0.0.1:41234/v1/ws' */
  wsUrl: string
  app: string
  /** The app secret; tokens are signed HS256 with it, as a site would. */
  secret: string
}

/** Token lifetime: longer than any run, so no refresh is needed. */
const tokenTtl = '6h'

export class AlgochatDriver implements Driver {
  readonly name = 'algochat'
  readonly #options: AlgochatDriverOptions
  readonly #key: Uint8Array

  constructor(options: AlgochatDriverOptions) {
    this.#options = options
    this.#key = new TextEncoder().encode(options.secret)
  }

  async connect(options: AlgochatConnectOptions): Promise<AlgochatClient> {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(options.user)
      .setAudience(this.#options.app)
      .setIssuedAt()
      .setExpirationTime(tokenTtl)
      .sign(this.#key)

    const url = `${this.#options.wsUrl}?app=${encodeURIComponent(this.#options.app)}`
    const socket = new WebSocket(url, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      handshakeTimeout: 15_000,
      ...(options.localAddress === undefined
        ? {}
        : { localAddress: options.localAddress }),
    })
    const client = new AlgochatClient(socket, options)
    try {
      await client.open(token)
    } catch (error) {
      socket.terminate()
      throw error
    }
    return client
  }
}
