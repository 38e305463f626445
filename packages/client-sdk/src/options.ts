import { AlgochatError } from '@algochat/protocol'
import type { WebSocketConstructor } from './connection/socket.js'
import { IndexedDBOutboxStore } from './store/indexeddb-outbox-store.js'
import { MemoryOutboxStore, type OutboxStore } from './store/outbox-store.js'

/** A user token, or a function that returns a fresh one. */
export type TokenSource = string | (() => string | Promise<string>)

/** Options for `new ChatClient(options)`. */
export interface ChatClientOptions {
  /**
   * Server address, e.g. `wss://chat.example.com`. `http(s)` becomes
   * `ws(s)` and `/v1/ws` is appended unless the path already ends with it.
   */
  url: string
  /** Id of the app (tenant) the users and rooms belong to. */
  app: string
  /**
   * The user's token (a JWT signed by your backend). Pass a function to
   * let the client fetch a fresh token on every connect and shortly
   * before the current one expires.
   */
  token: TokenSource
  /**
   * WebSocket class for environments without a global one, such as
   * Node 20 (`import { WebSocket } from 'ws'`).
   * @default globalThis.WebSocket
   */
  WebSocket?: WebSocketConstructor
  /**
   * Where commands wait until the server acknowledges them.
   * @default IndexedDB (`algochat-outbox:<app>`) in browsers, memory elsewhere
   */
  outbox?: OutboxStore
  /**
   * Upper bound of the first reconnect delay; each further attempt
   * doubles it (full jitter: the actual delay is random below the bound).
   * @default 500
   */
  reconnectBaseMs?: number
  /**
   * Largest reconnect delay bound, also used for retrying rejected sends.
   * @default 30000
   */
  reconnectMaxMs?: number
  /**
   * How long a request or an unanswered command waits before it fails
   * (requests) or is sent again (commands).
   * @default 10000
   */
  requestTimeoutMs?: number
  /**
   * Messages per `loadOlder()` page and in the first page of a room.
   * @default 50
   */
  historyPageSize?: number
  /**
   * Least time between two typing notifications sent for one room.
   * @default 3000
   */
  typingThrottleMs?: number
  /**
   * How long another user shows as typing after their last notification.
   * @default 6000
   */
  typingTimeoutMs?: number
  /**
   * Log errors and status changes to the console.
   * @default false
   */
  debug?: boolean
  /** Receives every error the client handles on its own. */
  onError?: (error: AlgochatError) => void
}

/** Options after defaults are applied and values checked. */
export interface ResolvedOptions
  extends Required<Omit<ChatClientOptions, 'onError'>> {
  onError: ((error: AlgochatError) => void) | undefined
  /** Full socket URL, with the app id in the query. */
  socketUrl: string
}

const defaults = {
  reconnectBaseMs: 500,
  reconnectMaxMs: 30_000,
  requestTimeoutMs: 10_000,
  historyPageSize: 50,
  typingThrottleMs: 3_000,
  typingTimeoutMs: 6_000,
  debug: false,
}

export function resolveOptions(options: ChatClientOptions): ResolvedOptions {
  const WebSocketClass = options.WebSocket ?? globalThis.WebSocket
  if (!WebSocketClass) {
    throw invalid('WebSocket', 'there is no global WebSocket, pass one')
  }
  const { app, token } = options
  if (!app) throw invalid('app')
  if (typeof token !== 'string' && typeof token !== 'function') {
    throw invalid('token')
  }

  const resolved: ResolvedOptions = {
    ...defaults,
    ...options,
    WebSocket: WebSocketClass,
    outbox: options.outbox ?? defaultOutbox(app),
    onError: options.onError,
    socketUrl: socketUrl(options.url, app),
  }
  for (const key of Object.keys(defaults) as (keyof typeof defaults)[]) {
    const value = resolved[key]
    if (typeof value === 'number' && !(value > 0)) throw invalid(key)
  }
  return resolved
}

function socketUrl(url: string, app: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (cause) {
    throw invalid('url', 'not a URL', cause)
  }
  parsed.protocol = parsed.protocol.replace('http', 'ws')
  if (!parsed.pathname.endsWith('/v1/ws')) {
    parsed.pathname = parsed.pathname.replace(/\/?$/, '/v1/ws')
  }
  parsed.searchParams.set('app', app)
  return parsed.href
}

function defaultOutbox(app: string): OutboxStore {
  return typeof indexedDB === 'undefined'
    ? new MemoryOutboxStore()
    : new IndexedDBOutboxStore(`algochat-outbox:${app}`)
}

function invalid(
  option: string,
  problem = 'missing or invalid',
  cause?: unknown,
): AlgochatError {
  return new AlgochatError('invalid_field', `options.${option}: ${problem}`, {
    cause,
  })
}
