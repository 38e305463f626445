import type { MessageEvent, RoomEvent, StoredMessage } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { MessageList } from './message-list.js'

function message(seq: number, text = `m${seq}`): MessageEvent {
  return {
    kind: 'message',
    id: `id${seq}`,
    room: 'r',
    seq,
    user: 'ann',
    clientId: `c${seq}`,
    at: seq,
    text,
  }
}

function event(seq: number, body: Record<string, unknown>): RoomEvent {
  return {
    id: `e${seq}`,
    room: 'r',
    seq,
    user: 'bob',
    clientId: `c${seq}`,
    at: 1000 + seq,
    ...body,
  } as RoomEvent
}

function from(
  user: string,
  seq: number,
  more: Partial<StoredMessage> = {},
): StoredMessage {
  return { ...message(seq), user, ...more }
}

const seqs = (list: MessageList): number[] => list.all().map((m) => m.seq)

function listOf(messages: StoredMessage[]): MessageList {
  const list = new MessageList()
  for (const m of messages) list.insert(m)
  return list
}

describe('MessageList', () => {
  it('keeps messages in seq order whatever order they arrive in', () => {
    const list = new MessageList()
    for (const seq of [5, 1, 9, 3, 7, 2]) list.insert(message(seq))
    expect(seqs(list)).toEqual([1, 2, 3, 5, 7, 9])
    expect(list.oldest?.seq).toBe(1)
    expect(list.newest?.seq).toBe(9)
  })

  it('stores a message once, whether repeated by id or by seq', () => {
    const list = new MessageList()
    expect(list.insert(message(1))).toBe(true)
    expect(list.insert(message(1))).toBe(false)
    expect(list.insert({ ...message(1), id: 'other' })).toBe(false)
    expect(list.size).toBe(1)
  })

  it('replaces a known message only when asked to', () => {
    const list = new MessageList()
    list.insert(message(1, 'old'))
    list.insert(message(1, 'new'))
    expect(list.get('id1')?.text).toBe('old')
    list.insert(message(1, 'new'), true)
    expect(list.get('id1')?.text).toBe('new')
    expect(list.size).toBe(1)
  })

  it('applies edits, deletes and reactions to their target', () => {
    const list = new MessageList()
    list.apply(message(1, 'hello'))
    list.apply(event(2, { kind: 'edit', target: 'id1', text: 'hi' }))
    expect(list.get('id1')).toMatchObject({ text: 'hi', editedAt: 1002 })

    list.apply(
      event(3, { kind: 'reaction', target: 'id1', emoji: '👍', on: true }),
    )
    list.apply(
      event(4, { kind: 'reaction', target: 'id1', emoji: '👍', on: true }),
    )
    expect(list.get('id1')?.reactions).toEqual({ '👍': ['bob'] })
    list.apply(
      event(5, { kind: 'reaction', target: 'id1', emoji: '👍', on: false }),
    )
    expect(list.get('id1')?.reactions).toEqual({})

    list.apply(event(6, { kind: 'delete', target: 'id1' }))
    list.apply(event(7, { kind: 'edit', target: 'id1', text: 'back' }))
    expect(list.get('id1')).toMatchObject({ text: '', deleted: true })
    expect(list.size).toBe(1)
  })

  it('reports an event whose target is not loaded without changing anything', () => {
    const list = new MessageList()
    list.insert(message(1))
    const before = list.all()
    expect(
      list.apply(event(2, { kind: 'edit', target: 'nope', text: 'x' })),
    ).toBe(false)
    expect(list.all()).toBe(before)
  })

  it('replaces a changed message object and never mutates the old one', () => {
    const list = new MessageList()
    list.insert(message(1, 'a'))
    const original = list.get('id1')
    list.apply(event(2, { kind: 'edit', target: 'id1', text: 'b' }))
    expect(original?.text).toBe('a')
    expect(list.get('id1')).not.toBe(original)
    expect(list.all()[0]).toBe(list.get('id1'))
  })

  it('shares one read-only copy until the next change', () => {
    const list = new MessageList()
    list.insert(message(1))
    const first = list.all()
    expect(list.all()).toBe(first)
    list.insert(message(2))
    const second = list.all()
    expect(second).not.toBe(first)
    expect(first).toHaveLength(1)
    expect(second).toHaveLength(2)
  })

  it('finds positions by seq with a binary search', () => {
    const list = new MessageList()
    for (const seq of [2, 4, 6]) list.insert(message(seq))
    expect(list.after(0)).toBe(0)
    expect(list.after(4)).toBe(2)
    expect(list.after(5)).toBe(2)
    expect(list.after(6)).toBe(3)
  })

  it('holds 100k messages and applies edits among them', () => {
    const list = new MessageList()
    for (let seq = 1; seq <= 100_000; seq += 1) list.insert(message(seq * 2))
    // Out-of-order arrivals land between existing messages.
    for (let seq = 1; seq < 2_000; seq += 2) list.insert(message(seq))
    expect(list.size).toBe(101_000)
    list.apply(event(300_001, { kind: 'edit', target: 'id100000', text: 'x' }))
    expect(list.get('id100000')?.text).toBe('x')

    const all = list.all()
    const sorted = all.every((m, i) => i === 0 || all[i - 1]!.seq < m.seq)
    expect(sorted).toBe(true)
  })
})

describe('MessageList unread count', () => {
  it('counts messages from others above the watermark, deleted ones excluded', () => {
    const list = listOf([
      from('ann', 1),
      from('me', 2),
      from('bob', 3),
      from('ann', 4, { deleted: true }),
      from('ann', 5),
    ])
    expect(list.unread('me')).toBe(3)
    expect(list.read(3)).toBe(true)
    expect(list.readSeq).toBe(3)
    expect(list.unread('me')).toBe(1)
  })

  it('counts every sender while the reader is not known yet', () => {
    const list = listOf([from('ann', 1), from('me', 2)])
    expect(list.unread(null)).toBe(2)
    expect(list.unread('me')).toBe(1)
  })

  it('never moves the watermark back', () => {
    const list = listOf([from('ann', 1), from('ann', 2), from('ann', 3)])
    list.read(2)
    expect(list.read(1)).toBe(false)
    expect(list.read(2)).toBe(false)
    expect(list.readSeq).toBe(2)
    expect(list.unread('me')).toBe(1)
  })

  it('follows deletes, and older messages loaded above the watermark', () => {
    const list = listOf([from('ann', 10), from('ann', 11)])
    list.apply(event(12, { kind: 'delete', target: 'id10' }))
    expect(list.unread('me')).toBe(1)

    // A page of older history lands partly below the watermark.
    list.read(5)
    for (const seq of [4, 5, 6, 7]) list.insert(from('ann', seq))
    expect(list.unread('me')).toBe(3)
  })

  it('counts a message replaced by its history version once', () => {
    const list = listOf([from('ann', 1), from('ann', 2)])
    list.insert(from('ann', 2, { text: 'edited', editedAt: 9 }), true)
    expect(list.unread('me')).toBe(2)
    list.insert(from('ann', 2, { text: '', deleted: true }), true)
    expect(list.unread('me')).toBe(1)
  })

  it('starts over when the list is cleared, keeping the watermark', () => {
    const list = listOf([from('ann', 1), from('ann', 2), from('ann', 3)])
    list.read(1)
    list.clear()
    expect(list.unread('me')).toBe(0)
    for (const seq of [1, 2, 3]) list.insert(from('ann', seq))
    expect(list.unread('me')).toBe(2)
    expect(list.readSeq).toBe(1)
  })

  it('reads no loaded message to count, and only the passed ones to mark read', () => {
    // Every property read of a loaded message is counted.
    let reads = 0
    const watched = Array.from(
      { length: 100_000 },
      (_, i) =>
        new Proxy(from('ann', i + 1), {
          get: (target, key) => {
            reads++
            return Reflect.get(target, key)
          },
        }),
    )
    const list = listOf(watched)
    expect(list.unread('me')).toBe(100_000)

    reads = 0
    list.insert(from('ann', 100_001))
    list.insert(from('me', 100_002))
    expect(list.unread('me')).toBe(100_001)
    // Two binary searches by seq, about 17 reads each.
    expect(reads).toBeLessThan(50)

    list.read(99_990)
    reads = 0
    list.read(100_000)
    expect(list.unread('me')).toBe(1)
    // Ten messages passed: their seq, user and deleted, and the searches.
    expect(reads).toBeLessThan(10 * 3 + 50)
  })
})
