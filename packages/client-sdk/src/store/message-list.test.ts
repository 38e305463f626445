import type { MessageEvent, RoomEvent } from '@algochat/protocol'
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

const seqs = (list: MessageList): number[] => list.all().map((m) => m.seq)

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
