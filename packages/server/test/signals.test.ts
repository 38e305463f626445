import type { ServerFrame } from '@algochat/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerProcess } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

/** Just past the server's one-second typing window. */
const afterTypingWindowMs = 1_200

let server: ServerProcess
let alice: TestClient
let bob: TestClient
let roomCounter = 0

beforeAll(async () => {
  server = await ServerProcess.start()
  const app = await server.devApp()
  alice = await TestClient.connect(
    server.wsUrl,
    app.id,
    await userToken(app, 'alice'),
  )
  bob = await TestClient.connect(
    server.wsUrl,
    app.id,
    await userToken(app, 'bob'),
  )
})

afterAll(async () => {
  alice?.close()
  bob?.close()
  await server?.stop()
})

/** A fresh public room both users joined and subscribed to. */
async function freshRoom(): Promise<string> {
  const room = `typing-${++roomCounter}`
  expect((await alice.request({ op: 'create', room, kind: 'public' })).op).toBe(
    'ok',
  )
  expect((await bob.request({ op: 'join', room })).op).toBe('ok')
  for (const client of [alice, bob]) {
    expect((await client.request({ op: 'subscribe', room })).op).toBe(
      'subscribed',
    )
  }
  return room
}

function typingAt(client: TestClient, room: string) {
  return client.ofOp('typing').filter((frame) => frame.room === room)
}

/**
 * Typing goes straight to the bus, and a message's event follows it on
 * the same room channel, so once Bob has the event he has every typing
 * frame Alice's earlier signals could have produced.
 */
async function flush(room: string): Promise<void> {
  const sent = (await sendMessage(alice, room, 'flush')) as { id: string }
  await bob.seen((frame) => frame.op === 'event' && frame.event.id === sent.id)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

describe('typing', () => {
  it('drops a second typing signal within a second and relays one after it', async () => {
    const room = await freshRoom()

    const first = bob.next(
      (frame) => frame.op === 'typing' && frame.room === room,
    )
    alice.send({ op: 'typing', room })
    alice.send({ op: 'typing', room })
    expect(await first).toMatchObject({ user: 'alice' })
    await flush(room)
    expect(typingAt(bob, room)).toHaveLength(1)

    await sleep(afterTypingWindowMs)
    const later = bob.next(
      (frame) => frame.op === 'typing' && frame.room === room,
    )
    alice.send({ op: 'typing', room })
    expect(await later).toMatchObject({ user: 'alice' })
    await flush(room)
    expect(typingAt(bob, room)).toHaveLength(2)
  })

  it('throttles each room on its own', async () => {
    const first = await freshRoom()
    const second = await freshRoom()

    const inSecond = bob.next(
      (frame) => frame.op === 'typing' && frame.room === second,
    )
    alice.send({ op: 'typing', room: first })
    alice.send({ op: 'typing', room: second })

    expect(await inSecond).toMatchObject({ user: 'alice' })
    await flush(first)
    expect(typingAt(bob, first)).toHaveLength(1)
  })

  it('never stores typing: no seq, nothing in history or replay', async () => {
    const room = await freshRoom()
    const relayed = bob.next(
      (frame) => frame.op === 'typing' && frame.room === room,
    )
    alice.send({ op: 'typing', room })
    const typing = await relayed
    expect(typing).toEqual({ op: 'typing', room, user: 'alice' })

    const sent = await sendMessage(alice, room, 'the only stored thing')
    expect(sent).toMatchObject({ op: 'ack', seq: 1 })

    const replay = (await bob.request({
      op: 'replay',
      room,
      after: 0,
    })) as Extract<ServerFrame, { op: 'replay' }>
    expect(replay.events.map((event) => [event.kind, event.seq])).toEqual([
      ['message', 1],
    ])
    expect(replay.lastSeq).toBe(1)

    const history = (await bob.request({ op: 'history', room })) as Extract<
      ServerFrame,
      { op: 'history' }
    >
    expect(history.messages.map((message) => message.text)).toEqual([
      'the only stored thing',
    ])
  })
})
