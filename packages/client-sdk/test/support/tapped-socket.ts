import type { ClientFrame, ServerFrame } from '@algochat/protocol'
import { WebSocket } from 'ws'
import type { WebSocketConstructor } from '../../src/index.js'

/**
 * Hooks into the sockets a client opens, to play the network's part:
 * drop frames, cut connections, refuse new ones. The server stays real.
 */
export interface Tap {
  /** Return false to drop a frame before the client sees it. */
  incoming?(frame: ServerFrame, socket: TappedSocket): boolean | void
  /** Sees each frame after it was handed to the network. */
  outgoing?(frame: ClientFrame, socket: TappedSocket): void
  /** While true, new sockets fail to connect, as with no network. */
  blocked?: boolean
}

export interface TappedSocket {
  /** Drops the TCP connection without a close handshake. */
  cut(): void
  /** Like `cut`, once the last frame sent has left. */
  cutAfterFlush(): void
}

/** A WebSocket class for `options.WebSocket` that runs every socket through `tap`. */
export function tappedWebSocket(tap: Tap): {
  WebSocket: WebSocketConstructor
  sockets: TappedSocket[]
} {
  const sockets: TappedSocket[] = []

  class Tapped implements TappedSocket {
    readonly #ws: WebSocket
    onopen: ((event: unknown) => void) | null = null
    onmessage: ((event: { data: unknown }) => void) | null = null
    onclose: ((event: { code: number; reason: string }) => void) | null = null
    onerror: ((event: unknown) => void) | null = null

    constructor(url: string) {
      // Port 9 (discard) has no listener: the connection is refused.
      this.#ws = new WebSocket(tap.blocked ? 'ws://127.0.0.1:9/' : url)
      sockets.push(this)
      this.#ws.onopen = (event) => this.onopen?.(event)
      this.#ws.onclose = (event) => this.onclose?.(event)
      this.#ws.onerror = (event) => this.onerror?.(event)
      this.#ws.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as ServerFrame
        if (tap.incoming?.(frame, this) === false) return
        this.onmessage?.(event)
      }
    }

    get readyState(): number {
      return this.#ws.readyState
    }

    send(data: string): void {
      this.#ws.send(data)
      tap.outgoing?.(JSON.parse(data) as ClientFrame, this)
    }

    close(code?: number, reason?: string): void {
      this.#ws.close(code, reason)
    }

    cut(): void {
      this.#ws.terminate()
    }

    cutAfterFlush(): void {
      this.#ws.send('{"op":"ping"}', () => this.#ws.terminate())
    }
  }

  return { WebSocket: Tapped, sockets }
}
