import { WebSocket } from 'ws'
import {
  ChatClient,
  MemoryOutboxStore,
  type ChatClientOptions,
  type ChatMessage,
  type RoomState,
} from '../../src/index.js'
import type { TestServer } from './test-server.js'

/** A client for `user` with quick reconnects, as tests want them. */
export function clientFor(
  server: TestServer,
  user: string,
  options: Partial<ChatClientOptions> = {},
): ChatClient {
  return new ChatClient({
    url: server.url,
    app: server.app.id,
    token: () => server.token(user),
    WebSocket,
    outbox: new MemoryOutboxStore(),
    reconnectBaseMs: 50,
    reconnectMaxMs: 500,
    requestTimeoutMs: 5_000,
    ...options,
  })
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export function texts(state: RoomState): string[] {
  return state.messages.map((message) => message.text)
}

/** True when seqs strictly increase and no id repeats. */
export function inOrderOnce(messages: readonly ChatMessage[]): boolean {
  const ids = new Set(messages.map((message) => message.id))
  return (
    ids.size === messages.length &&
    messages.every((m, i) => i === 0 || messages[i - 1]!.seq < m.seq)
  )
}

/** Every message of a room as a brand-new client loads it from history. */
export async function storedTexts(
  server: TestServer,
  room: string,
  user = 'auditor',
): Promise<string[]> {
  const client = clientFor(server, user)
  try {
    await client.connect()
    const handle = client.room(room)
    await handle.join().catch(() => {})
    const stop = handle.subscribe(() => {})
    await waitFor(() => handle.state.synced, 10_000, 'auditor sync')
    while (handle.state.hasOlder) await handle.loadOlder()
    stop()
    return texts(handle.state)
  } finally {
    await client.close()
  }
}
