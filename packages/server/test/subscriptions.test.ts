import type { ServerFrame } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import type { TestClient } from './support/test-client.js'
import { sendMessage } from './support/test-client.js'
import { twoUsers } from './support/two-users.js'

type Replay = Extract<ServerFrame, { op: 'replay' }>

const users = twoUsers('subs')

function eventsAt(client: TestClient, room: string) {
  return client.ofOp('event').filter((frame) => frame.event.room === room)
}

describe('unsubscribe', () => {
  it('stops delivery to that socket while other members still get events', async () => {
    const room = await users.freshRoom()
    const before = await sendMessage(users.alice, room, 'both see this')
    await users.bob.seen(
      (frame) =>
        frame.op === 'event' &&
        frame.event.id === (before as { id: string }).id,
    )

    const offline = users.alice.next(
      (frame) =>
        frame.op === 'presence' && frame.room === room && frame.user === 'bob',
    )
    expect(await users.bob.request({ op: 'unsubscribe', room })).toMatchObject({
      op: 'unsubscribed',
      room,
    })
    expect(await offline).toMatchObject({ online: false })

    const after = (await sendMessage(users.alice, room, 'only alice')) as {
      id: string
    }
    await users.alice.seen(
      (frame) => frame.op === 'event' && frame.event.id === after.id,
    )
    users.alice.send({ op: 'typing', room })
    expect((await users.alice.request({ op: 'ping' })).op).toBe('pong')

    // The event and the typing signal were written to every subscriber
    // before Alice's pong, and so before this one: Bob would have them.
    expect((await users.bob.request({ op: 'ping' })).op).toBe('pong')
    expect(eventsAt(users.bob, room).map((frame) => frame.event.seq)).toEqual([
      1,
    ])
    expect(users.bob.ofOp('typing').some((frame) => frame.room === room)).toBe(
      false,
    )

    // Unsubscribing is not leaving: Bob still reads the room on request.
    const replay = (await users.bob.request({
      op: 'replay',
      room,
      after: 0,
    })) as Replay
    expect(replay.events.map((event) => event.seq)).toEqual([1, 2])
  })
})

describe('replay pages', () => {
  it('returns at most limit events and says when more exist', async () => {
    const room = await users.freshRoom()
    for (let i = 1; i <= 7; i++) await sendMessage(users.alice, room, `m${i}`)

    const first = (await users.bob.request({
      op: 'replay',
      room,
      after: 0,
      limit: 3,
    })) as Replay
    expect(first).toMatchObject({ op: 'replay', room, more: true, lastSeq: 7 })
    expect(first.events.map((event) => event.seq)).toEqual([1, 2, 3])
  })

  it('pages on from the last seq to the end without gaps', async () => {
    const room = await users.freshRoom()
    for (let i = 1; i <= 7; i++) await sendMessage(users.alice, room, `m${i}`)

    const pages: Replay[] = []
    let after = 0
    for (;;) {
      const page = (await users.bob.request({
        op: 'replay',
        room,
        after,
        limit: 3,
      })) as Replay
      pages.push(page)
      if (!page.more) break
      after = page.events.at(-1)?.seq ?? after
    }

    expect(pages.map((page) => page.events.length)).toEqual([3, 3, 1])
    expect(pages.map((page) => page.more)).toEqual([true, true, false])
    const events = pages.flatMap((page) => page.events)
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(
      events.map((event) => event.kind === 'message' && event.text),
    ).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'])
  })

  it('says no more when the last page is exactly full', async () => {
    const room = await users.freshRoom()
    for (let i = 1; i <= 4; i++) await sendMessage(users.alice, room, `m${i}`)

    const page = (await users.bob.request({
      op: 'replay',
      room,
      after: 2,
      limit: 2,
    })) as Replay
    expect(page.events.map((event) => event.seq)).toEqual([3, 4])
    expect(page.more).toBe(false)
  })
})
