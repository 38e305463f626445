import type { ChatMessage } from '@algochat/client'
import { describe, expect, it } from 'vitest'
import { messageRows } from './message-rows.js'

const day = 86_400_000
const base = new Date(2025, 0, 10, 12).getTime()

function message(seq: number, user: string, at: number): ChatMessage {
  return {
    kind: 'message',
    id: `m${seq}`,
    room: 'r',
    seq,
    user,
    clientId: `c${seq}`,
    at,
    text: `text ${seq}`,
  }
}

describe('messageRows', () => {
  it('starts a group on a new author, a new day or a long pause', () => {
    const rows = messageRows(
      [
        message(1, 'ana', base),
        message(2, 'ana', base + 60_000),
        message(3, 'bo', base + 120_000),
        message(4, 'bo', base + 30 * 60_000),
        message(5, 'bo', base + day),
      ],
      'me',
      null,
    )
    expect(rows.map((row) => row.newGroup)).toEqual([
      true,
      false,
      true,
      true,
      true,
    ])
    expect(rows.map((row) => row.newDay)).toEqual([
      true,
      false,
      false,
      false,
      true,
    ])
  })

  it('marks the first message from someone else after the read mark', () => {
    const rows = messageRows(
      [
        message(1, 'ana', base),
        message(2, 'me', base + 1),
        message(3, 'me', base + 2),
        message(4, 'ana', base + 3),
        message(5, 'ana', base + 4),
      ],
      'me',
      { after: 1, upTo: 5 },
    )
    expect(rows.map((row) => row.firstUnread)).toEqual([
      false,
      false,
      false,
      true,
      false,
    ])
  })

  it('marks nothing that arrived after the room was opened', () => {
    const rows = messageRows(
      [message(1, 'ana', base), message(2, 'ana', base + 1)],
      'me',
      { after: 1, upTo: 1 },
    )
    expect(rows.map((row) => row.firstUnread)).toEqual([false, false])
  })

  it('puts no marker above the first loaded message', () => {
    const rows = messageRows(
      [message(1, 'ana', base), message(2, 'ana', base + 1)],
      'me',
      { after: 0, upTo: 2 },
    )
    expect(rows.map((row) => row.firstUnread)).toEqual([false, false])
  })

  it('shows no marker before the read mark is known', () => {
    const rows = messageRows([message(1, 'ana', base)], 'me', null)
    expect(rows[0]?.firstUnread).toBe(false)
  })

  it('finds the loaded message a reply answers', () => {
    const question = message(1, 'ana', base)
    const rows = messageRows(
      [
        question,
        { ...message(2, 'bo', base + 1), parent: question.id },
        { ...message(3, 'bo', base + 2), parent: 'not-loaded' },
      ],
      'me',
      null,
    )
    expect(rows.map((row) => row.parent)).toEqual([
      undefined,
      question,
      undefined,
    ])
  })
})
