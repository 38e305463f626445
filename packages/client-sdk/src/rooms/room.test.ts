import { AlgochatError, defaultLimits } from '@algochat/protocol'
import type { RoomEvent } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from '../options.js'
import { MemoryOutboxStore } from '../store/outbox-store.js'
import { Outbox } from '../store/outbox.js'
import type { RoomContext } from './room-context.js'
import { Room } from './room.js'

// These tests drive the room's state directly, offline: what reaches the
// room over a real connection is covered by the integration tests.
function offlineRoom(): Room {
  const options = resolveOptions({
    url: 'ws://chat.test',
    app: 'app',
    token: 't',
    WebSocket: class {} as never,
    outbox: new MemoryOutboxStore(),
  })
  const holder: { room?: Room } = {}
  const outbox = new Outbox(
    options.outbox,
    {
      post: () => false,
      user: () => 'me',
      acked: () => {},
      changed: () => holder.room?.pendingChanged(),
      error: () => {},
    },
    { timeoutMs: 1_000, baseMs: 100, maxMs: 1_000 },
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
  holder.room = new Room('r', ctx)
  // Listening makes the room apply what it receives.
  holder.room.subscribe(() => {})
  return holder.room
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
    const events = Array.from({ length: 100_000 }, (_, i) => message(i + 1))
    take(room, events)
    const messages = room.state.messages
    expect(messages).toHaveLength(100_000)

    void room.send('hello')
    const state = room.state
    expect(state.pending).toMatchObject([{ text: 'hello', status: 'pending' }])
    // The pending change did not copy the message list.
    expect(state.messages).toBe(messages)
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
