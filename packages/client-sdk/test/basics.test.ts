import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ChatClientOptions, ClientStatus } from '../src/index.js'
import {
  clientFor,
  inOrderOnce,
  storedTexts,
  texts,
  waitFor,
} from './support/clients.js'
import { tappedWebSocket } from './support/tapped-socket.js'
import { TestServer } from './support/test-server.js'

describe('against a real server', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await TestServer.start()
  })
  afterAll(() => server?.dispose())

  it('sends, edits, reacts and deletes, and both members see the same room', async () => {
    const ann = clientFor(server, 'ann')
    const bob = clientFor(server, 'bob')
    await Promise.all([ann.connect(), bob.connect()])
    expect(ann.status).toBe('online')
    expect(ann.user?.id).toBe('ann')

    const annRoom = await ann.createRoom('basics', { name: 'Basics' })
    const bobRoom = bob.room('basics')
    await bobRoom.join()
    const stops = [annRoom.subscribe(() => {}), bobRoom.subscribe(() => {})]
    await waitFor(() => annRoom.state.synced && bobRoom.state.synced)

    const hello = await annRoom.send('hello')
    expect(hello).toMatchObject({ text: 'hello', user: 'ann', kind: 'message' })
    const reply = await bobRoom.send('hi ann', { parent: hello.id })
    await annRoom.edit(hello.id, 'hello, bob')
    await bobRoom.react(hello.id, '👍')
    await annRoom.delete(reply.id)

    const done = (state: typeof annRoom.state) =>
      state.messages.length === 2 &&
      state.messages[0]?.reactions?.['👍']?.length === 1 &&
      state.messages[1]?.deleted === true
    await waitFor(() => done(annRoom.state) && done(bobRoom.state))
    expect(annRoom.state.messages).toEqual(bobRoom.state.messages)
    expect(annRoom.state.messages[0]).toMatchObject({
      text: 'hello, bob',
      reactions: { '👍': ['bob'] },
    })
    expect(inOrderOnce(annRoom.state.messages)).toBe(true)
    expect(annRoom.state.pending).toEqual([])

    // Unread and receipts come from seq watermarks.
    expect(annRoom.state.unread).toBe(0)
    expect(bobRoom.state.unread).toBe(1)
    bobRoom.markRead()
    await waitFor(() => (annRoom.state.readBy['bob'] ?? 0) >= hello.seq)
    expect(bobRoom.state.unread).toBe(0)

    // Typing shows on the other side.
    bobRoom.typing()
    await waitFor(() => annRoom.state.typing.includes('bob'))

    const summaries = await bob.rooms()
    expect(summaries.find((room) => room.id === 'basics')).toBeDefined()

    stops.forEach((stop) => stop())
    await Promise.all([ann.close(), bob.close()])
    expect(await storedTexts(server, 'basics')).toEqual(['hello, bob', ''])
  })

  it('shows a send as sent from its ack until its event is applied', async () => {
    // Bob's own message events are lost on the way, so the ack comes
    // first and the event only with the gap fill a second later.
    const network = tappedWebSocket({
      incoming: (frame) =>
        !(
          frame.op === 'event' &&
          frame.event.kind === 'message' &&
          frame.event.user === 'bob'
        ),
    })
    const ann = clientFor(server, 'ann')
    const bob = clientFor(server, 'bob', { WebSocket: network.WebSocket })
    await Promise.all([ann.connect(), bob.connect()])
    await ann.createRoom('acked')
    const room = bob.room('acked')
    await room.join()
    const statuses: string[] = []
    const stop = room.subscribe(() => {
      const status = room.state.pending[0]?.status ?? 'none'
      if (statuses.at(-1) !== status) statuses.push(status)
    })
    await waitFor(() => room.state.synced)

    const stored = room.send('acked first')
    await waitFor(() => room.state.pending[0]?.status === 'sent')
    expect(room.state.pending).toMatchObject([
      { text: 'acked first', status: 'sent', error: null },
    ])
    expect(room.state.messages).toEqual([])

    const message = await stored
    expect(room.state.pending).toEqual([])
    expect(room.state.messages.map((m) => m.id)).toEqual([message.id])
    expect(statuses).toEqual(['none', 'pending', 'sent', 'none'])

    stop()
    await Promise.all([ann.close(), bob.close()])
  })

  it('stops showing a user as typing on the receiving side once the timeout passes', async () => {
    const ann = clientFor(server, 'ann', { typingTimeoutMs: 500 })
    const bob = clientFor(server, 'bob')
    await Promise.all([ann.connect(), bob.connect()])
    const annRoom = await ann.createRoom('typing')
    const bobRoom = bob.room('typing')
    await bobRoom.join()
    const stops = [annRoom.subscribe(() => {}), bobRoom.subscribe(() => {})]
    await waitFor(() => annRoom.state.synced && bobRoom.state.synced)

    bobRoom.typing()
    await waitFor(() => annRoom.state.typing.includes('bob'))
    const shownAt = Date.now()
    await waitFor(() => annRoom.state.typing.length === 0, 5_000)
    // Not before the timeout, and not because a message ended it.
    expect(Date.now() - shownAt).toBeGreaterThanOrEqual(400)
    expect(annRoom.state.messages).toEqual([])

    stops.forEach((stop) => stop())
    await Promise.all([ann.close(), bob.close()])
  })

  describe('on the console', () => {
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const

    /**
     * Connects, sends, loses the socket and comes back, fails to
     * subscribe to a room that does not exist, sends again and closes.
     */
    async function chatCycle(
      room: string,
      options: Partial<ChatClientOptions>,
    ): Promise<void> {
      const network = tappedWebSocket({})
      const client = clientFor(server, 'ann', {
        WebSocket: network.WebSocket,
        ...options,
      })
      const statuses: ClientStatus[] = []
      client.on('status', (status) => statuses.push(status))
      await client.connect()
      const handle = await client.createRoom(room)
      const stops = [handle.subscribe(() => {})]
      await waitFor(() => handle.state.synced)
      await handle.send('before the drop')

      network.sockets.at(-1)!.cut()
      await waitFor(() => statuses.includes('reconnecting'))
      await waitFor(() => client.status === 'online' && handle.state.synced)
      const missing = client.room(`${room}-missing`)
      stops.push(missing.subscribe(() => {}))
      await waitFor(() => missing.state.error)
      await handle.send('after the drop')

      stops.forEach((stop) => stop())
      await client.close()
    }

    function spyOnConsole() {
      return methods.map((name) =>
        vi.spyOn(console, name).mockImplementation(() => {}),
      )
    }

    it('writes nothing without debug, even for errors and reconnects', async () => {
      const spies = spyOnConsole()
      try {
        await chatCycle('quiet', {})
        for (const spy of spies) expect(spy).not.toHaveBeenCalled()
      } finally {
        spies.forEach((spy) => spy.mockRestore())
      }
    })

    it('logs status changes and handled errors with debug: true', async () => {
      const spies = spyOnConsole()
      try {
        await chatCycle('chatty', { debug: true })
        const debug = vi.mocked(console.debug)
        expect(debug).toHaveBeenCalledWith('[algochat]', 'status', 'online')
        expect(debug).toHaveBeenCalledWith(
          '[algochat]',
          'status',
          'reconnecting',
        )
        expect(debug).toHaveBeenCalledWith(
          '[algochat]',
          'error',
          expect.objectContaining({ name: 'AlgochatError' }),
        )
        // Only console.debug: nothing louder.
        for (const spy of spies) {
          if (spy !== debug) expect(spy).not.toHaveBeenCalled()
        }
      } finally {
        spies.forEach((spy) => spy.mockRestore())
      }
    })
  })

  it('pages older messages from history, in seq order', async () => {
    const ann = clientFor(server, 'ann', { historyPageSize: 10 })
    await ann.connect()
    const room = await ann.createRoom('paging')
    const sent: string[] = []
    for (let i = 0; i < 35; i++) {
      sent.push(`m${i}`)
      await room.send(`m${i}`)
    }

    const reader = clientFor(server, 'ann', { historyPageSize: 10 })
    await reader.connect()
    const view = reader.room('paging')
    const stop = view.subscribe(() => {})
    await waitFor(() => view.state.synced)
    expect(texts(view.state)).toEqual(sent.slice(-10))
    while (view.state.hasOlder) await view.loadOlder()
    expect(texts(view.state)).toEqual(sent)
    expect(inOrderOnce(view.state.messages)).toBe(true)

    stop()
    await Promise.all([ann.close(), reader.close()])
  })

  it("opens direct rooms, invites, and keeps a muted member's send pending until unmuted", async () => {
    const ann = clientFor(server, 'ann')
    const bob = clientFor(server, 'bob')
    await Promise.all([ann.connect(), bob.connect()])

    const direct = await ann.direct('bob')
    const bobDirect = await bob.direct('ann')
    expect(bobDirect.id).toBe(direct.id)
    await direct.send('just us')
    bobDirect.subscribe(() => {})
    await waitFor(() => texts(bobDirect.state).includes('just us'))

    const team = await ann.createRoom('team', { kind: 'private' })
    await team.invite('bob')
    await team.moderate('mute', 'bob', 60)
    const bobTeam = bob.room('team')
    bobTeam.subscribe(() => {})
    await waitFor(() => bobTeam.state.synced)

    const sent = bobTeam.send('let me speak')
    await waitFor(() => bobTeam.state.pending[0]?.error?.code === 'muted')
    expect(bobTeam.state.pending[0]?.status).toBe('pending')

    await team.moderate('unmute', 'bob')
    expect((await sent).text).toBe('let me speak')
    await Promise.all([ann.close(), bob.close()])
  })

  it('refuses an empty message before queueing it', async () => {
    const ann = clientFor(server, 'ann')
    const room = ann.room('anything')
    await expect(room.send('   ')).rejects.toMatchObject({
      code: 'invalid_field',
    })
    expect(room.state.pending).toEqual([])
    await ann.close()
  })
})
