import type { RoomEvent, ServerFrame } from '@algochat/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerProcess } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

let server: ServerProcess
let app: { id: string; secret: string }
let alice: TestClient
let bob: TestClient
let roomCounter = 0

beforeAll(async () => {
  server = await ServerProcess.start()
  app = await server.devApp()
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
  const room = `chat-${++roomCounter}`
  expect((await alice.request({ op: 'create', room, kind: 'public' })).op).toBe(
    'ok',
  )
  for (const client of [alice, bob]) {
    if (client === bob)
      expect((await bob.request({ op: 'join', room })).op).toBe('ok')
    expect((await client.request({ op: 'subscribe', room })).op).toBe(
      'subscribed',
    )
  }
  return room
}

function eventsIn(client: TestClient, room: string): RoomEvent[] {
  return client
    .ofOp('event')
    .map((frame) => frame.event)
    .filter((event) => event.room === room)
}

async function waitForEvents(client: TestClient, room: string, count: number) {
  while (eventsIn(client, room).length < count) {
    await client.next(
      (frame) => frame.op === 'event' && frame.event.room === room,
    )
  }
  return eventsIn(client, room)
}

describe('messages', () => {
  it('acks the sender after accepted and delivers to every subscriber', async () => {
    const room = await freshRoom()
    const accepted = alice.next((frame) => frame.op === 'accepted')
    const ack = await sendMessage(alice, room, 'hello bob', 'first')

    expect((await accepted).op).toBe('accepted')
    expect(ack).toMatchObject({ op: 'ack', room, clientId: 'first', seq: 1 })
    const [event] = await waitForEvents(bob, room, 1)
    expect(event).toMatchObject({
      kind: 'message',
      seq: 1,
      user: 'alice',
      text: 'hello bob',
      clientId: 'first',
    })
    expect(event?.id).toBe((ack as Extract<ServerFrame, { op: 'ack' }>).id)
  })

  it('numbers a room gap-free from 1 across senders', async () => {
    const room = await freshRoom()
    const sends = []
    for (let i = 0; i < 20; i++) {
      const client = i % 2 === 0 ? alice : bob
      sends.push(sendMessage(client, room, `message ${i}`, `gapless-${i}`))
    }
    await Promise.all(sends)

    const seqs = (await waitForEvents(bob, room, 20)).map((event) => event.seq)
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })

  it('returns the first ack for a repeated clientId and stores once', async () => {
    const room = await freshRoom()
    const first = await sendMessage(alice, room, 'only once', 'same-id')
    const second = await sendMessage(alice, room, 'only once', 'same-id')

    expect(second).toMatchObject({ op: 'ack', seq: 1 })
    expect((second as { id: string }).id).toBe((first as { id: string }).id)
    const history = await alice.request({ op: 'history', room })
    expect(history.op === 'history' && history.messages).toHaveLength(1)
  })

  it('keeps replies and mentions on the message', async () => {
    const room = await freshRoom()
    const parent = (await sendMessage(alice, room, 'question')) as {
      id: string
    }
    const reply = await alice.request({
      op: 'send',
      room,
      clientId: 'with-parent',
      text: 'answer @bob',
      parent: parent.id,
      mentions: ['bob'],
    })
    expect(reply.op).toBe('accepted')

    const events = await waitForEvents(bob, room, 2)
    expect(events[1]).toMatchObject({ parent: parent.id, mentions: ['bob'] })
  })
})

describe('edits, deletes and reactions', () => {
  it('sequences an edit and shows the new text in history', async () => {
    const room = await freshRoom()
    const sent = (await sendMessage(alice, room, 'tpyo')) as { id: string }
    const edit = alice.next(
      (frame) => frame.op === 'ack' && frame.clientId === 'edit-1',
    )
    alice.send({
      op: 'edit',
      room,
      clientId: 'edit-1',
      target: sent.id,
      text: 'typo',
    })
    expect(await edit).toMatchObject({ seq: 2 })

    const events = await waitForEvents(bob, room, 2)
    expect(events[1]).toMatchObject({
      kind: 'edit',
      target: sent.id,
      text: 'typo',
    })
    const history = await bob.request({ op: 'history', room })
    expect(history.op === 'history' && history.messages[0]).toMatchObject({
      text: 'typo',
      editedAt: expect.any(Number),
    })
  })

  it("refuses to edit someone else's message", async () => {
    const room = await freshRoom()
    const sent = (await sendMessage(alice, room, 'mine')) as { id: string }
    const reply = await bob.request({
      op: 'edit',
      room,
      clientId: 'steal',
      target: sent.id,
      text: 'yours',
    })
    expect(reply).toMatchObject({
      op: 'error',
      code: 'forbidden',
      clientId: 'steal',
    })
  })

  it('lets the author delete and blanks the text everywhere', async () => {
    const room = await freshRoom()
    const sent = (await sendMessage(alice, room, 'regret')) as { id: string }
    const reply = await bob.request({
      op: 'delete',
      room,
      clientId: 'not-yours',
      target: sent.id,
    })
    expect(reply).toMatchObject({ op: 'error', code: 'forbidden' })

    const ack = alice.next(
      (frame) => frame.op === 'ack' && frame.clientId === 'del',
    )
    alice.send({ op: 'delete', room, clientId: 'del', target: sent.id })
    await ack
    const history = await bob.request({ op: 'history', room })
    expect(history.op === 'history' && history.messages[0]).toMatchObject({
      deleted: true,
      text: '',
    })
  })

  it('answers a repeated delete with its first ack, not message_not_found', async () => {
    const room = await freshRoom()
    const sent = (await sendMessage(alice, room, 'gone soon')) as { id: string }
    const acks = []
    for (let attempt = 0; attempt < 2; attempt++) {
      const ack = alice.next(
        (frame) =>
          (frame.op === 'ack' || frame.op === 'error') &&
          'clientId' in frame &&
          frame.clientId === 'del-twice',
      )
      alice.send({ op: 'delete', room, clientId: 'del-twice', target: sent.id })
      acks.push(await ack)
    }

    expect(acks.map((frame) => frame.op)).toEqual(['ack', 'ack'])
    expect((acks[1] as { seq: number }).seq).toBe(
      (acks[0] as { seq: number }).seq,
    )
    const events = await alice.request({ op: 'replay', room, after: 0 })
    expect(events.op === 'replay' && events.events.map((e) => e.kind)).toEqual([
      'message',
      'delete',
    ])
  })

  it('adds and removes reactions as sequenced events', async () => {
    const room = await freshRoom()
    const sent = (await sendMessage(alice, room, 'react to me')) as {
      id: string
    }
    for (const [clientId, on] of [
      ['r1', true],
      ['r2', false],
      ['r3', true],
    ] as const) {
      const ack = bob.next(
        (frame) => frame.op === 'ack' && frame.clientId === clientId,
      )
      bob.send({
        op: 'react',
        room,
        clientId,
        target: sent.id,
        emoji: '👍',
        on,
      })
      await ack
    }
    const alicesOwn = alice.next(
      (frame) => frame.op === 'ack' && frame.clientId === 'r4',
    )
    alice.send({
      op: 'react',
      room,
      clientId: 'r4',
      target: sent.id,
      emoji: '👍',
      on: true,
    })
    await alicesOwn

    const history = await alice.request({ op: 'history', room })
    expect(history.op === 'history' && history.messages[0]?.reactions).toEqual({
      '👍': ['bob', 'alice'],
    })
    const kinds = (await waitForEvents(alice, room, 5)).map(
      (event) => event.kind,
    )
    expect(kinds).toEqual([
      'message',
      'reaction',
      'reaction',
      'reaction',
      'reaction',
    ])
  })
})

describe('history and resume', () => {
  it('pages older messages by seq with a limit', async () => {
    const room = await freshRoom()
    for (let i = 1; i <= 7; i++) await sendMessage(alice, room, `m${i}`)

    const newest = await alice.request({ op: 'history', room, limit: 3 })
    expect(
      newest.op === 'history' && newest.messages.map((m) => m.text),
    ).toEqual(['m5', 'm6', 'm7'])
    expect(newest.op === 'history' && newest.more).toBe(true)

    const oldest = await alice.request({
      op: 'history',
      room,
      before: 3,
      limit: 5,
    })
    expect(
      oldest.op === 'history' && oldest.messages.map((m) => m.text),
    ).toEqual(['m1', 'm2'])
    expect(oldest.op === 'history' && oldest.more).toBe(false)
  })

  it('replays every event after a seq on subscribe, edits included', async () => {
    const room = await freshRoom()
    const first = (await sendMessage(alice, room, 'one')) as { id: string }
    await sendMessage(alice, room, 'two')
    const edited = alice.next(
      (frame) => frame.op === 'ack' && frame.clientId === 'e',
    )
    alice.send({
      op: 'edit',
      room,
      clientId: 'e',
      target: first.id,
      text: 'uno',
    })
    await edited

    const carol = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'carol'),
    )
    await carol.request({ op: 'join', room })
    const resumed = await carol.request({ op: 'subscribe', room, since: 1 })
    carol.close()

    expect(resumed).toMatchObject({ op: 'subscribed', lastSeq: 3, more: false })
    expect(
      resumed.op === 'subscribed' && resumed.events.map((e) => e.kind),
    ).toEqual(['message', 'edit'])
  })
})

describe('typing, presence and read state', () => {
  it('relays typing to others but not back to the typist', async () => {
    const room = await freshRoom()
    const atBob = bob.next(
      (frame) => frame.op === 'typing' && frame.room === room,
    )
    alice.send({ op: 'typing', room })
    expect(await atBob).toMatchObject({ user: 'alice' })

    await sendMessage(alice, room, 'flush')
    expect(alice.frames.some((f) => f.op === 'typing' && f.room === room)).toBe(
      false,
    )
  })

  it('announces presence when a user arrives and leaves', async () => {
    const room = await freshRoom()
    const dave = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'dave'),
    )
    await dave.request({ op: 'join', room })
    const online = alice.next(
      (frame) =>
        frame.op === 'presence' && frame.user === 'dave' && frame.online,
    )
    const subscribed = await dave.request({ op: 'subscribe', room })
    await online
    expect(subscribed.op === 'subscribed' && subscribed.online).toEqual(
      expect.arrayContaining(['alice', 'bob', 'dave']),
    )

    const offline = alice.next(
      (frame) =>
        frame.op === 'presence' && frame.user === 'dave' && !frame.online,
    )
    dave.close()
    await offline
  })

  it('counts unread messages from the read seq and shares receipts', async () => {
    const room = await freshRoom()
    for (let i = 0; i < 4; i++) await sendMessage(alice, room, `unread ${i}`)

    const before = await bob.request({ op: 'rooms' })
    const summary =
      before.op === 'rooms' && before.rooms.find((r) => r.id === room)
    expect(summary).toMatchObject({ lastSeq: 4, readSeq: 0, unread: 4 })

    const receipt = alice.next(
      (frame) => frame.op === 'read' && frame.room === room,
    )
    expect((await bob.request({ op: 'read', room, seq: 3 })).op).toBe('ok')
    expect(await receipt).toMatchObject({ user: 'bob', seq: 3 })

    const after = await bob.request({ op: 'rooms' })
    const updated =
      after.op === 'rooms' && after.rooms.find((r) => r.id === room)
    expect(updated).toMatchObject({ readSeq: 3, unread: 1 })
  })
})
