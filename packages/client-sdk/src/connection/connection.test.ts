import type { ClientFrame, ServerFrame, WelcomeFrame } from '@algochat/protocol'
import { defaultLimits } from '@algochat/protocol'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resolveOptions, type ChatClientOptions } from '../options.js'
import { MemoryOutboxStore } from '../store/outbox-store.js'
import { Connection, type ClientStatus } from './connection.js'

/** A stand-in socket for the transport logic only: it records frames. */
class FakeSocket {
  static all: FakeSocket[] = []
  readyState = 0
  sent: ClientFrame[] = []
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: string }) => void) | null = null
  onclose: ((event: { code: number }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }

  static get last(): FakeSocket {
    return FakeSocket.all[FakeSocket.all.length - 1]!
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame)
  }

  close(): void {
    this.readyState = 3
  }

  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }

  deliver(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) })
  }

  drop(code: number): void {
    this.readyState = 3
    this.onclose?.({ code })
  }
}

function welcome(overrides: Partial<WelcomeFrame> = {}): WelcomeFrame {
  return {
    op: 'welcome',
    user: { id: 'ann', name: null, guest: false },
    heartbeatMs: 1_000,
    limits: defaultLimits,
    expiresIn: null,
    ...overrides,
  }
}

function setup(options: Partial<ChatClientOptions> = {}) {
  const statuses: ClientStatus[] = []
  const errors: string[] = []
  const hooks = {
    status: (status: ClientStatus) => statuses.push(status),
    online: vi.fn(),
    offline: vi.fn(),
    frame: vi.fn(),
    error: (error: { code: string }) => errors.push(error.code),
  }
  const connection = new Connection(
    resolveOptions({
      url: 'ws://chat.test',
      app: 'app1',
      token: 'tok',
      WebSocket: FakeSocket,
      outbox: new MemoryOutboxStore(),
      ...options,
    }),
    hooks,
  )
  return { connection, statuses, errors, hooks }
}

/** Lets the token promise settle and the socket open. */
async function opened(): Promise<FakeSocket> {
  await vi.advanceTimersByTimeAsync(0)
  const socket = FakeSocket.last
  socket.open()
  return socket
}

describe('Connection', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.all = []
  })
  afterEach(() => vi.useRealTimers())

  it('authenticates in the first frame and never puts the token in the URL', async () => {
    const { connection, statuses, hooks } = setup()
    const connected = connection.connect()
    const socket = await opened()

    expect(socket.url).toBe('ws://chat.test/v1/ws?app=app1')
    expect(socket.sent).toEqual([{ op: 'auth', token: 'tok' }])
    socket.deliver(welcome())
    await connected
    expect(statuses).toEqual(['connecting', 'online'])
    expect(hooks.online).toHaveBeenCalledTimes(1)
    connection.close()
  })

  it('reconnects after a lost connection, asking for a fresh token', async () => {
    let n = 0
    const { connection, statuses, hooks } = setup({
      token: () => `tok${++n}`,
      reconnectBaseMs: 100,
    })
    void connection.connect()
    ;(await opened()).deliver(welcome())

    FakeSocket.last.drop(1006)
    expect(hooks.offline).toHaveBeenCalledTimes(1)
    expect(statuses.at(-1)).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(100)
    const socket = await opened()
    expect(socket.sent[0]).toEqual({ op: 'auth', token: 'tok2' })
    socket.deliver(welcome())
    expect(statuses.at(-1)).toBe('online')
    expect(hooks.online).toHaveBeenCalledTimes(2)
    connection.close()
  })

  it('backs off further after each failed attempt', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { connection } = setup({ reconnectBaseMs: 100 })
    void connection.connect()
    for (const bound of [100, 200, 400, 800]) {
      ;(await opened()).drop(1006)
      await vi.advanceTimersByTimeAsync(bound - 2)
      const before = FakeSocket.all.length
      await vi.advanceTimersByTimeAsync(1)
      expect(FakeSocket.all.length).toBe(before + 1)
    }
    connection.close()
    vi.restoreAllMocks()
  })

  it('stops for good when the server refuses the token', async () => {
    const { connection, statuses, errors } = setup()
    const connected = connection.connect()
    const socket = await opened()
    socket.deliver({
      op: 'error',
      code: 'token_invalid',
      message: 'bad',
      retryable: false,
    })
    socket.drop(4001)

    await expect(connected).rejects.toMatchObject({ code: 'token_invalid' })
    expect(statuses.at(-1)).toBe('closed')
    expect(errors).toEqual(['token_invalid'])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeSocket.all).toHaveLength(1)
  })

  it('stops when a token given as a string has expired', async () => {
    const { connection, statuses } = setup({ token: 'old' })
    void connection.connect()
    const socket = await opened()
    socket.deliver(welcome())
    socket.deliver({
      op: 'error',
      code: 'token_expired',
      message: 'expired',
      retryable: true,
    })
    socket.drop(4001)
    expect(statuses.at(-1)).toBe('closed')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeSocket.all).toHaveLength(1)
  })

  it('reconnects at once with a fresh token when the session expires', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    let n = 0
    const { connection } = setup({ token: async () => `tok${++n}` })
    void connection.connect()
    const socket = await opened()
    socket.deliver(welcome())
    socket.deliver({
      op: 'error',
      code: 'token_expired',
      message: 'expired',
      retryable: true,
    })
    socket.drop(4001)

    const next = await opened()
    expect(next.sent[0]).toEqual({ op: 'auth', token: 'tok2' })
    connection.close()
    vi.restoreAllMocks()
  })

  it('refreshes the token on the live socket before it expires', async () => {
    let n = 0
    const { connection } = setup({ token: () => `tok${++n}` })
    void connection.connect()
    const socket = await opened()
    socket.deliver(welcome({ expiresIn: 10, heartbeatMs: 60_000 }))

    await vi.advanceTimersByTimeAsync(7_999)
    expect(socket.sent.filter((f) => f.op === 'auth')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(socket.sent.at(-1)).toEqual({ op: 'auth', token: 'tok2' })
    socket.deliver(welcome({ expiresIn: 10, heartbeatMs: 60_000 }))
    expect(FakeSocket.all).toHaveLength(1)
    expect(connection.status).toBe('online')
    connection.close()
  })

  it('declares a silent connection dead after two heartbeats and reconnects', async () => {
    const { connection, hooks } = setup({ reconnectBaseMs: 1 })
    void connection.connect()
    const socket = await opened()
    socket.deliver(welcome({ heartbeatMs: 1_000 }))

    await vi.advanceTimersByTimeAsync(1_000)
    expect(socket.sent.at(-1)).toEqual({ op: 'ping' })
    socket.deliver({ op: 'pong' })
    await vi.advanceTimersByTimeAsync(1_999)
    expect(hooks.offline).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(hooks.offline).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(FakeSocket.all).toHaveLength(2)
    connection.close()
  })

  it('leaves and comes back when the server announces a restart', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { connection } = setup()
    void connection.connect()
    const socket = await opened()
    socket.deliver(welcome())
    socket.deliver({ op: 'reconnect', reason: 'deploy' })
    await vi.advanceTimersByTimeAsync(0)
    expect(FakeSocket.all).toHaveLength(2)
    connection.close()
    vi.restoreAllMocks()
  })

  it('matches replies to requests by ref and fails them on disconnect', async () => {
    const { connection, hooks } = setup()
    void connection.connect()
    const socket = await opened()
    socket.deliver(welcome())

    const rooms = connection.request({ op: 'rooms' })
    const joined = connection.request({ op: 'join', room: 'r' })
    const [, roomsFrame, joinFrame] = socket.sent as { ref: string }[]
    socket.deliver({ op: 'rooms', ref: roomsFrame!.ref, rooms: [] })
    await expect(rooms).resolves.toEqual({
      op: 'rooms',
      ref: roomsFrame!.ref,
      rooms: [],
    })
    expect(joinFrame!.ref).not.toBe(roomsFrame!.ref)

    socket.drop(1006)
    await expect(joined).rejects.toMatchObject({ code: 'disconnected' })
    expect(hooks.frame).not.toHaveBeenCalled()
    await expect(connection.request({ op: 'rooms' })).rejects.toMatchObject({
      code: 'disconnected',
    })
    connection.close()
  })

  it('turns a server error into a rejection of the request it answers', async () => {
    const { connection } = setup()
    void connection.connect()
    const socket = await opened()
    socket.deliver(welcome())
    const join = connection.request({ op: 'join', room: 'r' })
    const { ref } = socket.sent.at(-1) as { ref: string }
    socket.deliver({
      op: 'error',
      ref,
      code: 'room_not_found',
      message: 'no such room',
      retryable: false,
    })
    await expect(join).rejects.toMatchObject({ code: 'room_not_found' })
    connection.close()
  })
})
