import type { SubscribeFrame } from '@algochat/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatClient, ChatMessage, Room } from '../src/index.js'
import {
  clientFor,
  inOrderOnce,
  sleep,
  storedTexts,
  texts,
  waitFor,
} from './support/clients.js'
import { tappedWebSocket, type Tap } from './support/tapped-socket.js'
import { TestServer } from './support/test-server.js'

describe('resume after losing the server', () => {
  let server: TestServer | undefined
  const clients: ChatClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()))
    await server?.dispose()
  })

  async function pair(room: string): Promise<[Room, Room]> {
    server = await TestServer.start()
    const ann = clientFor(server, 'ann')
    const bob = clientFor(server, 'bob')
    clients.push(ann, bob)
    await Promise.all([ann.connect(), bob.connect()])
    const annRoom = await ann.createRoom(room)
    const bobRoom = bob.room(room)
    await bobRoom.join()
    annRoom.subscribe(() => {})
    bobRoom.subscribe(() => {})
    await waitFor(() => annRoom.state.synced && bobRoom.state.synced)
    return [annRoom, bobRoom]
  }

  it('keeps both histories identical, complete and duplicate-free across a SIGKILL', async () => {
    const [annRoom, bobRoom] = await pair('crash')
    const sends: Promise<ChatMessage>[] = []
    const sent: string[] = []

    for (let i = 0; i < 40; i++) {
      const text = `${i % 2 ? 'ann' : 'bob'} ${i}`
      sent.push(text)
      sends.push((i % 2 ? annRoom : bobRoom).send(text))
      if (i === 20) await server!.kill('SIGKILL')
      await sleep(10)
    }
    // Both clients are offline now, with sends queued.
    expect(annRoom.state.pending.length).toBeGreaterThan(0)
    await sleep(300)
    await server!.restart()

    const stored = await Promise.all(sends)
    expect(new Set(stored.map((m) => m.id)).size).toBe(40)

    const complete = (room: Room) =>
      room.state.synced &&
      room.state.pending.length === 0 &&
      room.state.messages.length === 40
    await waitFor(() => complete(annRoom) && complete(bobRoom))

    expect(annRoom.state.messages).toEqual(bobRoom.state.messages)
    expect(inOrderOnce(annRoom.state.messages)).toBe(true)
    expect([...texts(annRoom.state)].sort()).toEqual([...sent].sort())
    // Each sender's messages keep the order they were written in.
    for (const who of ['ann', 'bob']) {
      const mine = (list: string[]) => list.filter((t) => t.startsWith(who))
      expect(mine(texts(annRoom.state))).toEqual(mine(sent))
    }
    expect(await storedTexts(server!, 'crash')).toEqual(texts(annRoom.state))
  })

  it('applies edits, deletes and reactions made while a client was away', async () => {
    server = await TestServer.start()
    const tap = { blocked: false }
    const network = tappedWebSocket(tap)
    const ann = clientFor(server, 'ann')
    const bob = clientFor(server, 'bob', { WebSocket: network.WebSocket })
    clients.push(ann, bob)
    await Promise.all([ann.connect(), bob.connect()])
    const annRoom = await ann.createRoom('away')
    const bobRoom = bob.room('away')
    await bobRoom.join()
    annRoom.subscribe(() => {})
    bobRoom.subscribe(() => {})
    await waitFor(() => annRoom.state.synced && bobRoom.state.synced)

    const first = await annRoom.send('first')
    const second = await annRoom.send('second')
    const third = await annRoom.send('third')
    await waitFor(() => bobRoom.state.messages.length === 3)

    // Bob loses the network for a while.
    tap.blocked = true
    network.sockets.at(-1)!.cut()
    await waitFor(() => bob.status !== 'online')

    await annRoom.edit(first.id, 'first, edited')
    await annRoom.delete(second.id)
    await annRoom.react(third.id, '🎉')
    await annRoom.send('fourth')
    await sleep(200)
    expect(bobRoom.state.messages[0]?.text).toBe('first')

    tap.blocked = false
    await waitFor(
      () => bobRoom.state.synced && bobRoom.state.messages.length === 4,
    )
    expect(bobRoom.state.messages).toEqual(annRoom.state.messages)
    expect(bobRoom.state.messages.map((m) => [m.text, !!m.deleted])).toEqual([
      ['first, edited', false],
      ['', true],
      ['third', false],
      ['fourth', false],
    ])
    expect(bobRoom.state.messages[2]?.reactions).toEqual({ '🎉': ['ann'] })
  })

  it('comes back after a graceful restart and resumes every room', async () => {
    const [annRoom, bobRoom] = await pair('restart')
    await annRoom.send('before')
    await waitFor(() => bobRoom.state.messages.length === 1)

    await server!.kill('SIGTERM')
    await server!.restart()
    await annRoom.send('after')
    await waitFor(() => bobRoom.state.messages.length === 2)
    expect(texts(bobRoom.state)).toEqual(['before', 'after'])
  })

  it('resumes several rooms at once after a restart, each from its own last seq', async () => {
    server = await TestServer.start()
    const subscribes: SubscribeFrame[] = []
    const tap: Tap = {
      outgoing: (frame) => {
        if (frame.op === 'subscribe') subscribes.push(frame)
      },
    }
    const network = tappedWebSocket(tap)
    const ann = clientFor(server, 'ann', { WebSocket: network.WebSocket })
    const bob = clientFor(server, 'bob')
    clients.push(ann, bob)
    await Promise.all([ann.connect(), bob.connect()])

    // Each room ends at a different seq; the last one with an edit, so
    // its seq is not its number of messages.
    const ids = ['north', 'south', 'east']
    const rooms: Room[] = []
    for (const [index, id] of ids.entries()) {
      const room = await ann.createRoom(id)
      await bob.room(id).join()
      room.subscribe(() => {})
      await waitFor(() => room.state.synced)
      for (let n = 0; n <= index; n++) await room.send(`${id} ${n}`)
      rooms.push(room)
    }
    const east = rooms[2]!
    await east.edit(east.state.messages[0]!.id, 'east, edited')
    await waitFor(() => east.state.messages[0]?.text === 'east, edited')
    const lastSeqs = rooms.map((room) => room.state.lastSeq)
    expect(new Set(lastSeqs).size).toBe(3)

    // Ann stays away until Bob has written in every room after the restart.
    tap.blocked = true
    await server!.kill('SIGTERM')
    await waitFor(() => ann.status !== 'online')
    await server!.restart()
    await bob.connect()
    for (const id of ids) await bob.room(id).send(`bob in ${id}`)
    subscribes.length = 0
    tap.blocked = false

    await waitFor(() =>
      rooms.every(
        (room) =>
          room.state.synced && texts(room.state).includes(`bob in ${room.id}`),
      ),
    )
    expect(subscribes.map(({ room, since }) => ({ room, since }))).toEqual(
      expect.arrayContaining(
        ids.map((room, index) => ({ room, since: lastSeqs[index] })),
      ),
    )
    expect(subscribes).toHaveLength(3)
    for (const room of rooms) {
      expect(inOrderOnce(room.state.messages)).toBe(true)
    }
  })

  it('catches up a room that is listened to again after a pause', async () => {
    server = await TestServer.start()
    const ann = clientFor(server, 'ann')
    const bob = clientFor(server, 'bob')
    clients.push(ann, bob)
    await Promise.all([ann.connect(), bob.connect()])
    const annRoom = await ann.createRoom('pause')
    const bobRoom = bob.room('pause')
    await bobRoom.join()
    const first = await annRoom.send('first')

    let stop = bobRoom.subscribe(() => {})
    await waitFor(() => bobRoom.state.messages.length === 1)
    // Bob's page stops listening: the room unsubscribes on the server.
    stop()
    await annRoom.send('second')
    await annRoom.edit(first.id, 'first, edited')
    await sleep(200)
    expect(texts(bobRoom.state)).toEqual(['first'])

    stop = bobRoom.subscribe(() => {})
    await waitFor(() => bobRoom.state.messages.length === 2)
    await waitFor(() => bobRoom.state.messages[0]?.text === 'first, edited')
    expect(inOrderOnce(bobRoom.state.messages)).toBe(true)
    stop()
  })
})
