import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatClient, ClientStatus } from '../src/index.js'
import { clientFor, sleep, texts, waitFor } from './support/clients.js'
import { tappedWebSocket } from './support/tapped-socket.js'
import { TestServer } from './support/test-server.js'

describe('the session', () => {
  let server: TestServer | undefined
  const clients: ChatClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()))
    await server?.dispose()
    vi.unstubAllGlobals()
  })

  it('refreshes a short-lived token before it expires, on the same socket', async () => {
    server = await TestServer.start()
    let issued = 0
    const network = tappedWebSocket({})
    const client = clientFor(server, 'ann', {
      WebSocket: network.WebSocket,
      token: () => {
        issued++
        return server!.token('ann', 3)
      },
    })
    clients.push(client)
    await client.connect()
    const room = await client.createRoom('refresh')
    room.subscribe(() => {})

    await sleep(7_000)
    expect(issued).toBeGreaterThanOrEqual(3)
    expect(network.sockets).toHaveLength(1)
    expect(client.status).toBe('online')
    await room.send('still here')
    expect(texts(room.state)).toEqual(['still here'])
  }, 20_000)

  it('reconnects with a fresh token after the session expired, keeping its rooms', async () => {
    server = await TestServer.start()
    let calls = 0
    const errors: string[] = []
    const client = clientFor(server, 'ann', {
      onError: (error) => errors.push(error.code),
      // The refresh fails once, so the server ends the session.
      token: () => {
        calls++
        if (calls === 2) return Promise.reject(new Error('token service down'))
        return server!.token('ann', 2)
      },
    })
    const statuses: ClientStatus[] = []
    clients.push(client)
    const other = clientFor(server, 'bob')
    clients.push(other)
    await Promise.all([client.connect(), other.connect()])
    client.on('status', (status) => statuses.push(status))

    const room = await client.createRoom('expiry')
    room.subscribe(() => {})
    const bobRoom = other.room('expiry')
    await bobRoom.join()
    await waitFor(() => room.state.synced)

    await waitFor(() => statuses.includes('reconnecting'), 10_000)
    await waitFor(() => client.status === 'online')
    await bobRoom.send('after expiry')
    await waitFor(() => room.state.messages.length === 1)
    expect(texts(room.state)).toEqual(['after expiry'])
    // The failed refresh was reported, the expiry itself was handled.
    expect(errors).toContain('token_expired')
  }, 20_000)

  it('stops and reports when the token is refused', async () => {
    server = await TestServer.start()
    const errors: string[] = []
    const client = clientFor(server, 'ann', {
      token: 'not-a-jwt',
      onError: (error) => errors.push(error.code),
    })
    clients.push(client)
    await expect(client.connect()).rejects.toMatchObject({
      code: 'token_invalid',
    })
    expect(client.status).toBe('closed')
    expect(errors).toEqual(['token_invalid'])
  })

  it('declares a silent connection dead within two heartbeats and reconnects', async () => {
    server = await TestServer.start({ ALGOCHAT_HEARTBEAT_MS: '1000' })
    let silent = false
    const network = tappedWebSocket({ incoming: () => !silent })
    const client = clientFor(server, 'ann', { WebSocket: network.WebSocket })
    clients.push(client)
    await client.connect()

    // The connection stays open but nothing comes through any more.
    silent = true
    const from = Date.now()
    await waitFor(() => client.status !== 'online', 5_000)
    const detectedAfter = Date.now() - from
    expect(detectedAfter).toBeLessThanOrEqual(2 * 1_000 + 200)

    silent = false
    await waitFor(() => client.status === 'online', 5_000)
    expect(network.sockets.length).toBeGreaterThanOrEqual(2)
  })
  it('shows offline while the device has no network and reconnects as soon as it returns', async () => {
    server = await TestServer.start()
    // What a browser provides: navigator.onLine, and an 'online' event on
    // the global object when the network returns.
    const device = new EventTarget()
    const navigator = { onLine: true }
    vi.stubGlobal('navigator', navigator)
    vi.stubGlobal('addEventListener', device.addEventListener.bind(device))
    vi.stubGlobal(
      'removeEventListener',
      device.removeEventListener.bind(device),
    )
    const tap = { blocked: false }
    const network = tappedWebSocket(tap)
    // Backoff this long leaves only the 'online' event to explain a quick
    // reconnect.
    const client = clientFor(server, 'ann', {
      WebSocket: network.WebSocket,
      reconnectBaseMs: 60_000,
      reconnectMaxMs: 60_000,
    })
    clients.push(client)
    const statuses: ClientStatus[] = []
    client.on('status', (status) => statuses.push(status))
    await client.connect()
    const room = await client.createRoom('no-network')
    room.subscribe(() => {})
    await waitFor(() => room.state.synced)

    navigator.onLine = false
    tap.blocked = true
    network.sockets.at(-1)!.cut()
    await waitFor(() => client.status === 'offline', 5_000)
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'online', 'offline'])
    const sending = room.send('written offline')

    navigator.onLine = true
    tap.blocked = false
    device.dispatchEvent(new Event('online'))
    await waitFor(() => client.status === 'online', 3_000)
    expect(statuses.slice(-2)).toEqual(['reconnecting', 'online'])
    expect(statuses.filter((status) => status === 'online')).toHaveLength(2)
    expect((await sending).text).toBe('written offline')
    await waitFor(() => texts(room.state).includes('written offline'))
  })
})
