import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import {
  ChatClient,
  MemoryOutboxStore,
  type ChatClientOptions,
  type ChatMessage,
} from '../src/index.js'
import { resolveOptions } from '../src/options.js'
import {
  clientFor,
  inOrderOnce,
  sleep,
  storedTexts,
  texts,
  waitFor,
} from './support/clients.js'
import { TestServer } from './support/test-server.js'

describe('the offline outbox', () => {
  let server: TestServer | undefined
  const clients: ChatClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()))
    await server?.dispose()
  })

  async function roomFor(id: string) {
    server = await TestServer.start()
    const setup = clientFor(server, 'ann')
    clients.push(setup)
    await setup.connect()
    await setup.createRoom(id)
    await setup.close()
  }

  it('shows sends made offline as pending and stores them once, in order', async () => {
    await roomFor('offline')
    const client = clientFor(server!, 'ann')
    clients.push(client)
    await client.connect()
    const room = client.room('offline')
    room.subscribe(() => {})
    await waitFor(() => room.state.synced)

    await server!.kill()
    await waitFor(() => client.status !== 'online')
    const written = ['one', 'two', 'three', 'four', 'five']
    const sends = written.map((text) => room.send(text))
    expect(room.state.pending.map((p) => [p.text, p.status])).toEqual(
      written.map((text) => [text, 'pending']),
    )
    await sleep(300)
    expect(room.state.messages).toEqual([])

    await server!.restart()
    const stored = await Promise.all(sends)
    expect(stored.map((m) => m.text)).toEqual(written)
    expect(stored.map((m) => m.seq)).toEqual(
      [...stored.map((m) => m.seq)].sort((a, b) => a - b),
    )
    await waitFor(() => room.state.pending.length === 0)
    expect(texts(room.state)).toEqual(written)
    expect(await storedTexts(server!, 'offline')).toEqual(written)
  })

  it('keeps queued sends in memory by default in Node, across a reconnect', async () => {
    await roomFor('default-store')
    // No `outbox` option: the client picks its own store.
    const options: ChatClientOptions = {
      url: server!.url,
      app: server!.app.id,
      token: () => server!.token('ann'),
      WebSocket,
      reconnectBaseMs: 50,
      reconnectMaxMs: 500,
    }
    expect(typeof indexedDB).toBe('undefined')
    expect(resolveOptions(options).outbox).toBeInstanceOf(MemoryOutboxStore)

    const client = new ChatClient(options)
    clients.push(client)
    await client.connect()
    const room = client.room('default-store')
    room.subscribe(() => {})
    await waitFor(() => room.state.synced)

    await server!.kill()
    await waitFor(() => client.status === 'reconnecting')
    const written = ['kept in memory', 'and this one']
    const sends = written.map((text) => room.send(text))
    expect(room.state.pending.map((p) => p.text)).toEqual(written)

    await server!.restart()
    const stored = await Promise.all(sends)
    expect(stored.map((m) => m.text)).toEqual(written)
    await waitFor(() => room.state.pending.length === 0)
    expect(texts(room.state)).toEqual(written)
    expect(await storedTexts(server!, 'default-store')).toEqual(written)
  })

  it('sends what was queued before the first connect', async () => {
    await roomFor('early')
    const client = clientFor(server!, 'ann')
    clients.push(client)
    const room = client.room('early')
    const sends = [room.send('queued early'), room.send('and this')]
    expect(room.state.pending).toHaveLength(2)

    await client.connect()
    await Promise.all(sends)
    expect(await storedTexts(server!, 'early')).toEqual([
      'queued early',
      'and this',
    ])
  })

  it('carries queued sends over to the next client on the same store, as after a reload', async () => {
    await roomFor('reload')
    const store = new MemoryOutboxStore()
    await server!.kill()

    const before = clientFor(server!, 'ann', { outbox: store })
    clients.push(before)
    void before.connect()
    const room = before.room('reload')
    void room.send('written before the reload').catch(() => {})
    void room.send('and after it').catch(() => {})
    await sleep(100)
    await before.close()

    await server!.restart()
    const after = clientFor(server!, 'ann', { outbox: store })
    clients.push(after)
    const reloaded = after.room('reload')
    reloaded.subscribe(() => {})
    await waitFor(() => reloaded.state.pending.length === 2)
    expect(reloaded.state.pending.map((p) => p.text)).toEqual([
      'written before the reload',
      'and after it',
    ])

    await after.connect()
    await waitFor(
      () =>
        reloaded.state.pending.length === 0 &&
        reloaded.state.messages.length === 2,
    )
    expect(texts(reloaded.state)).toEqual([
      'written before the reload',
      'and after it',
    ])
    expect(inOrderOnce(reloaded.state.messages)).toBe(true)
    expect(await store.load()).toEqual([])
  })

  it('marks a refused send as failed and sends it again with its clientId on retry', async () => {
    await roomFor('refused')
    const client = clientFor(server!, 'bob')
    clients.push(client)
    await client.connect()
    const room = client.room('refused')

    // Bob is not a member yet, so the server refuses the message for good.
    const failed = room.send('let me in')
    await expect(failed).rejects.toMatchObject({ code: 'not_member' })
    const [pending] = room.state.pending
    expect(pending).toMatchObject({ status: 'failed', text: 'let me in' })

    await room.join()
    const stored: ChatMessage = await room.retry(pending!.clientId)
    expect(stored).toMatchObject({ clientId: pending!.clientId })
    expect(await storedTexts(server!, 'refused')).toEqual(['let me in'])
  })
})
