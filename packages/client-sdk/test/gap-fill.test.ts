import type { ClientFrame } from '@algochat/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatClient, Room } from '../src/index.js'
import {
  clientFor,
  inOrderOnce,
  sleep,
  texts,
  waitFor,
} from './support/clients.js'
import { tappedWebSocket, type Tap } from './support/tapped-socket.js'
import { TestServer } from './support/test-server.js'

describe('a live event that never arrives', () => {
  let server: TestServer
  const clients: ChatClient[] = []
  beforeEach(async () => {
    server = await TestServer.start()
  })
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()))
    await server.dispose()
  })

  /** Ann writes; Bob reads through a tapped network. */
  async function pair(room: string, tap: Tap): Promise<[Room, Room]> {
    const ann = clientFor(server, 'ann')
    const bob = clientFor(server, 'bob', {
      WebSocket: tappedWebSocket(tap).WebSocket,
    })
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

  const replays = (frames: ClientFrame[]) =>
    frames.filter((frame) => frame.op === 'replay')

  it('is fetched when the next event shows the gap', async () => {
    const sent: ClientFrame[] = []
    const [annRoom, bobRoom] = await pair('gap', {
      outgoing: (frame) => void sent.push(frame),
      incoming: (frame) =>
        !(
          frame.op === 'event' &&
          frame.event.kind === 'message' &&
          frame.event.text === 'lost'
        ),
    })

    await annRoom.send('before')
    await annRoom.send('lost')
    await waitFor(() => bobRoom.state.messages.length === 1)
    await sleep(100)
    expect(texts(bobRoom.state)).toEqual(['before'])

    await annRoom.send('after')
    await waitFor(() => bobRoom.state.messages.length === 3)
    expect(texts(bobRoom.state)).toEqual(['before', 'lost', 'after'])
    expect(inOrderOnce(bobRoom.state.messages)).toBe(true)
    expect(replays(sent)).toHaveLength(1)
  })

  it('fills one gap with one request however many events follow it', async () => {
    const sent: ClientFrame[] = []
    const [annRoom, bobRoom] = await pair('burst', {
      outgoing: (frame) => void sent.push(frame),
      incoming: (frame) => !(frame.op === 'event' && frame.event.seq === 3),
    })

    const written = Array.from({ length: 30 }, (_, i) => `m${i}`)
    await Promise.all(written.map((text) => annRoom.send(text)))
    await waitFor(() => bobRoom.state.messages.length === 30)
    expect(texts(bobRoom.state)).toEqual(written)
    // Events arriving while the fill is on its way wait for it; a second
    // request only follows when more was stored in the meantime.
    expect(replays(sent).length).toBeLessThanOrEqual(2)
  })

  it('repairs many separate gaps', async () => {
    let count = 0
    const [annRoom, bobRoom] = await pair('gaps', {
      // Every other event is lost.
      incoming: (frame) => !(frame.op === 'event' && count++ % 2 === 0),
    })

    const written = Array.from({ length: 30 }, (_, i) => `m${i}`)
    await Promise.all(written.map((text) => annRoom.send(text)))
    await waitFor(() => bobRoom.state.messages.length === 30)
    expect(texts(bobRoom.state)).toEqual(written)
    expect(inOrderOnce(bobRoom.state.messages)).toBe(true)
  })

  it('is fetched when only the ack of an own message shows the gap', async () => {
    const [, bobRoom] = await pair('own', {
      incoming: (frame) =>
        !(
          frame.op === 'event' &&
          frame.event.kind === 'message' &&
          frame.event.user === 'bob'
        ),
    })
    const message = await bobRoom.send('mine')
    expect(message.text).toBe('mine')
    expect(bobRoom.state.messages.map((m) => m.id)).toEqual([message.id])
    expect(bobRoom.state.pending).toEqual([])
  })

  it('edits and reactions whose events were lost are fetched too', async () => {
    const [annRoom, bobRoom] = await pair('lost-edit', {
      incoming: (frame) =>
        !(frame.op === 'event' && frame.event.kind !== 'message'),
    })
    const message = await annRoom.send('draft')
    await annRoom.edit(message.id, 'final')
    await annRoom.react(message.id, '👀')
    await annRoom.send('next')
    await waitFor(() => bobRoom.state.messages.length === 2)
    await waitFor(() => bobRoom.state.messages[0]?.text === 'final')
    expect(bobRoom.state.messages).toEqual(annRoom.state.messages)
  })
})
