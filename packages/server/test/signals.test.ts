import type { ServerFrame } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import type { TestClient } from './support/test-client.js'
import { sendMessage } from './support/test-client.js'
import { twoUsers } from './support/two-users.js'

/** Just past the server's one-second typing window. */
const afterTypingWindowMs = 1_200

const users = twoUsers('typing')

function typingAt(client: TestClient, room: string) {
  return client.ofOp('typing').filter((frame) => frame.room === room)
}

/**
 * Typing goes straight to the bus, and a message's event follows it on
 * the same room channel, so once Bob has the event he has every typing
 * frame Alice's earlier signals could have produced.
 */
async function flush(room: string): Promise<void> {
  const sent = (await sendMessage(users.alice, room, 'flush')) as { id: string }
  await users.bob.seen(
    (frame) => frame.op === 'event' && frame.event.id === sent.id,
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

describe('typing', () => {
  it('drops a second typing signal within a second and relays one after it', async () => {
    const room = await users.freshRoom()

    const first = users.bob.next(
      (frame) => frame.op === 'typing' && frame.room === room,
    )
    users.alice.send({ op: 'typing', room })
    users.alice.send({ op: 'typing', room })
    expect(await first).toMatchObject({ user: 'alice' })
    await flush(room)
    expect(typingAt(users.bob, room)).toHaveLength(1)

    await sleep(afterTypingWindowMs)
    const later = users.bob.next(
      (frame) => frame.op === 'typing' && frame.room === room,
    )
    users.alice.send({ op: 'typing', room })
    expect(await later).toMatchObject({ user: 'alice' })
    await flush(room)
    expect(typingAt(users.bob, room)).toHaveLength(2)
  })

  it('throttles each room on its own', async () => {
    const first = await users.freshRoom()
    const second = await users.freshRoom()

    const inSecond = users.bob.next(
      (frame) => frame.op === 'typing' && frame.room === second,
    )
    users.alice.send({ op: 'typing', room: first })
    users.alice.send({ op: 'typing', room: second })

    expect(await inSecond).toMatchObject({ user: 'alice' })
    await flush(first)
    expect(typingAt(users.bob, first)).toHaveLength(1)
  })

  it('never stores typing: no seq, nothing in history or replay', async () => {
    const room = await users.freshRoom()
    const relayed = users.bob.next(
      (frame) => frame.op === 'typing' && frame.room === room,
    )
    users.alice.send({ op: 'typing', room })
    const typing = await relayed
    expect(typing).toEqual({ op: 'typing', room, user: 'alice' })

    const sent = await sendMessage(users.alice, room, 'the only stored thing')
    expect(sent).toMatchObject({ op: 'ack', seq: 1 })

    const replay = (await users.bob.request({
      op: 'replay',
      room,
      after: 0,
    })) as Extract<ServerFrame, { op: 'replay' }>
    expect(replay.events.map((event) => [event.kind, event.seq])).toEqual([
      ['message', 1],
    ])
    expect(replay.lastSeq).toBe(1)

    const history = (await users.bob.request({
      op: 'history',
      room,
    })) as Extract<ServerFrame, { op: 'history' }>
    expect(history.messages.map((message) => message.text)).toEqual([
      'the only stored thing',
    ])
  })
})
