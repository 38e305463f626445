import { AlgochatError, defaultLimits } from '@algochat/protocol'
import type { CommandFrame, RoomEvent, SendFrame } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../options.js'
import { MemoryOutboxStore } from '../store/outbox-store.js'
import { Outbox } from '../store/outbox.js'
import type { RoomContext } from './room-context.js'
import { Room } from './room.js'

// These tests drive the room's state directly, offline: what reaches the
// room over a real connection is covered by the integration tests.
function offlineRoom(): Room {
  return roomWithOutbox(() => false).room
}

/**
 * A room with no connection whose outbox hands commands to `post`; a test
 * plays the server by answering them through `outbox.receive`.
 */
function roomWithOutbox(post: (frame: CommandFrame) => boolean): {
  room: Room
  outbox: Outbox
} {
  const options = resolveOptions({
    url: 'ws://chat.test',
    app: 'app',
    token: 't',
    WebSocket: class {} as never,
    outbox: new MemoryOutboxStore(),
  })
  const holder: { room?: Room } = {}
  const outbox = new Outbox(
    {
      ...options,
      requestTimeoutMs: 1_000,
      reconnectBaseMs: 100,
      reconnectMaxMs: 1_000,
    },
    {
      post,
      user: () => 'me',
      acked: (entry, ack) => holder.room?.acked(entry, ack),
      changed: () => holder.room?.pendingChanged(),
      error: () => {},
    },
  )
  const ctx: RoomContext = {
    options,
    outbox,
    request: () => Promise.reject(new AlgochatError('disconnected')),
    post: () => false,
    online: () => false,
    user: () => 'me',
    limits: () => defaultLimits,
    report: () => {},
  }
  const room = new Room('r', ctx)
  holder.room = room
  // Listening makes the room apply what it receives.
  room.subscribe(() => {})
  return { room, outbox }
}

function take(room: Room, events: RoomEvent[]): void {
  for (const event of events) room.receive({ op: 'event', event })
}

function message(seq: number, user = 'ann'): RoomEvent {
  return {
    kind: 'message',
    id: `id${seq}`,
    room: 'r',
    seq,
    user,
    clientId: `c${seq}`,
    at: seq,
    text: `m${seq}`,
  }
}

function loadedMessages(count: number): RoomEvent[] {
  return Array.from({ length: count }, (_, i) => message(i + 1))
}

function deletion(seq: number, target: string): RoomEvent {
  return {
    kind: 'delete',
    id: `e${seq}`,
    room: 'r',
    seq,
    user: 'ann',
    clientId: `c${seq}`,
    at: seq,
    target,
  }
}

describe('Room state', () => {
  it('returns the same snapshot until something changes', () => {
    const room = offlineRoom()
    const first = room.state
    expect(room.state).toBe(first)
    take(room, [message(1)])
    expect(room.state).not.toBe(first)
    expect(room.state.messages.map((m) => m.seq)).toEqual([1])
    expect(first.messages).toEqual([])
  })

  it('applies each event once, in seq order, across duplicates and gaps', () => {
    const room = offlineRoom()
    take(room, [message(1), message(3), message(1)])
    expect(room.state.messages.map((m) => m.seq)).toEqual([1])
    take(room, [message(2), message(3), message(2)])
    expect(room.state.messages.map((m) => m.seq)).toEqual([1, 2, 3])
  })

  it('counts unread messages from others after the read watermark', () => {
    const room = offlineRoom()
    take(room, [message(1), message(2, 'me'), message(3), message(4)])
    expect(room.state.unread).toBe(3)
    room.markRead(3)
    expect(room.state).toMatchObject({ readSeq: 3, unread: 1 })
    room.markRead(2)
    expect(room.state.readSeq).toBe(3)
  })

  it('shows a send as pending at once, even with 100k messages loaded', async () => {
    const room = offlineRoom()
    take(room, loadedMessages(100_000))
    const messages = room.state.messages
    expect(messages).toHaveLength(100_000)

    void room.send('hello')
    const state = room.state
    expect(state.pending).toMatchObject([{ text: 'hello', status: 'pending' }])
    // The pending change did not copy the message list.
    expect(state.messages).toBe(messages)
  })

  it('keeps the unread count right through sends, acks and reads with 100k messages loaded', async () => {
    const sent: SendFrame[] = []
    const { room, outbox } = roomWithOutbox((frame) => {
      if (frame.op === 'send') sent.push(frame)
      return true
    })
    await outbox.ready
    take(room, loadedMessages(100_000))
    expect(room.state.unread).toBe(100_000)
    const messages = room.state.messages

    const stored = room.send('hello')
    expect(room.state.unread).toBe(100_000)
    const { clientId } = sent[0]!
    outbox.receive({ op: 'ack', room: 'r', clientId, id: 'mine', seq: 100_001 })
    expect(room.state.pending).toMatchObject([{ status: 'sent' }])
    expect(room.state.unread).toBe(100_000)
    // Neither the send nor its ack changed what `messages` shows.
    expect(room.state.messages).toBe(messages)

    take(room, [{ ...message(100_001, 'me'), id: 'mine', clientId }])
    expect((await stored).seq).toBe(100_001)
    expect(room.state.pending).toEqual([])
    expect(room.state.unread).toBe(100_000)

    room.markRead(60_000)
    expect(room.state).toMatchObject({ readSeq: 60_000, unread: 40_000 })
    take(room, [message(100_002, 'bob'), deletion(100_003, 'id70000')])
    expect(room.state.unread).toBe(40_000)
    take(room, [deletion(100_004, 'id50000')])
    expect(room.state.unread).toBe(40_000)
    room.markRead()
    expect(room.state).toMatchObject({ readSeq: 100_004, unread: 0 })
  })

  it('looks at only a logarithmic few of 100k loaded messages to send and apply one', async () => {
    const sent: SendFrame[] = []
    const { room, outbox } = roomWithOutbox((frame) => {
      if (frame.op === 'send') sent.push(frame)
      return true
    })
    await outbox.ready
    // Every property read of a loaded message is counted: a pass over
    // the list would read 100k of them at least.
    let reads = 0
    const watched = loadedMessages(100_000).map(
      (event) =>
        new Proxy(event, {
          get: (target, key) => {
            reads++
            return Reflect.get(target, key)
          },
        }),
    )
    take(room, watched)
    expect(room.state.unread).toBe(100_000)
    reads = 0

    const stored = room.send('hello')
    expect(room.state.unread).toBe(100_000)
    const { clientId } = sent[0]!
    outbox.receive({ op: 'ack', room: 'r', clientId, id: 'mine', seq: 100_001 })
    expect(room.state.unread).toBe(100_000)
    take(room, [{ ...message(100_001, 'me'), id: 'mine', clientId }])
    await stored
    take(room, [message(100_002, 'bob')])
    expect(room.state.unread).toBe(100_001)
    expect(room.state.messages).toHaveLength(100_002)

    // Two binary searches by seq, about 17 reads each.
    expect(reads).toBeLessThan(100)
  })

  it('refuses a text longer than the limit without queueing it', async () => {
    const room = offlineRoom()
    const text = 'x'.repeat(defaultLimits.maxTextLength + 1)
    await expect(room.send(text)).rejects.toMatchObject({
      code: 'text_too_long',
    })
    expect(room.state.pending).toEqual([])
  })

  it('notifies listeners once per burst of changes', async () => {
    const room = offlineRoom()
    let calls = 0
    room.subscribe(() => calls++)
    take(room, [message(1)])
    take(room, [message(2)])
    room.markRead(2)
    await Promise.resolve()
    expect(calls).toBe(1)
  })
})
