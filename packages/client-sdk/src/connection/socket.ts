import type { ClientFrame, ServerFrame } from '@algochat/protocol'

/**
 * The part of a WebSocket the SDK uses; the browser's `WebSocket` and the
 * `ws` package both fit. Handler parameters are typed `never` so that
 * either class is assignable; the SDK reads only `data` and `code`.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed; frames go out only at 1. */
  readonly readyState: number
  /** Called once the connection is open. */
  onopen: ((event: never) => void) | null
  /** Called with each incoming message; the SDK reads its string `data`. */
  onmessage: ((event: never) => void) | null
  /** Called once the connection is closed; the SDK reads its `code`. */
  onclose: ((event: never) => void) | null
  /** Called on a failure; a close event follows, so the SDK ignores it. */
  onerror: ((event: never) => void) | null
  /** Sends one text frame. */
  send(data: string): void
  /** Starts the closing handshake with an optional close code and reason. */
  close(code?: number, reason?: string): void
}

/** A WebSocket class, e.g. `globalThis.WebSocket` or `ws`'s `WebSocket`. */
export type WebSocketConstructor = new (url: string) => WebSocketLike

/** One socket, speaking JSON frames. */
export interface Socket {
  send(frame: ClientFrame): void
  /** Closes at once; the `closed` callback runs before this returns. */
  close(code: number): void
}

export interface SocketHandlers {
  open(): void
  frame(frame: ServerFrame): void
  /** Runs once, whether the server, the network or the SDK closed it. */
  closed(code: number): void
}

const OPEN = 1

export function openSocket(
  WebSocketClass: WebSocketConstructor,
  url: string,
  handlers: SocketHandlers,
): Socket {
  const ws = new WebSocketClass(url)
  let closed = false

  // A dead connection may never deliver its close event, so the SDK
  // detaches and reports the close itself instead of waiting for it.
  const finish = (code: number): void => {
    if (closed) return
    closed = true
    ws.onopen = ws.onmessage = ws.onclose = null
    // Node's `ws` reports a handshake aborted by close() as an error on a
    // later tick, and an error with no listener would crash the process.
    ws.onerror = ignore
    handlers.closed(code)
  }

  ws.onopen = handlers.open
  ws.onmessage = (event: { data: unknown }) => {
    const frame = parseFrame(event.data)
    if (frame) handlers.frame(frame)
  }
  ws.onclose = (event: { code: number }) => finish(event.code)
  // An error is always followed by a close event, which does the work.
  ws.onerror = ignore

  return {
    send(frame) {
      if (ws.readyState === OPEN) ws.send(JSON.stringify(frame))
    },
    close(code) {
      try {
        ws.close(code)
      } catch {
        // Closing a socket that never opened may throw; it is gone anyway.
      }
      finish(code)
    },
  }
}

function ignore(): void {}

function parseFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== 'string') return undefined
  try {
    const frame: unknown = JSON.parse(data)
    if (typeof frame === 'object' && frame !== null && 'op' in frame) {
      return frame as ServerFrame
    }
  } catch {
    // A frame that is not JSON is ignored; the server never sends one.
  }
  return undefined
}
