import type { MessageEvent, ServerFrame } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { readFrame } from './frame-reader.js'

function eventFrame(event: Partial<MessageEvent>): string {
  // The field order the server's sequencer produces.
  const full = {
    id: 'e1',
    room: 'r-7',
    seq: 3,
    user: 'u-70',
    clientId: 'c1',
    at: 1_700_000_000_000,
    kind: 'message',
    text: 'ab1.7.0.1.1.1.----',
    ...event,
  }
  return `{"op":"event","event":${JSON.stringify(full)}}`
}

describe('readFrame', () => {
  it('cuts room and text out of a message event', () => {
    expect(readFrame(eventFrame({}))).toEqual({
      kind: 'message',
      room: 'r-7',
      seq: 3,
      text: 'ab1.7.0.1.1.1.----',
    })
  })

  it('falls back to a full parse when the text has escapes', () => {
    const text = 'she said "hi" \\o/'
    expect(readFrame(eventFrame({ text }))).toEqual({
      kind: 'message',
      room: 'r-7',
      seq: 3,
      text,
    })
  })

  it('is not fooled by field names inside the text', () => {
    const text = '"room":"fake" "kind":"message","text":"x"'
    expect(readFrame(eventFrame({ text }))).toEqual({
      kind: 'message',
      room: 'r-7',
      seq: 3,
      text,
    })
  })

  it('treats other event kinds as routine', () => {
    const frame = JSON.stringify({
      op: 'event',
      event: {
        id: 'e2',
        room: 'r-7',
        seq: 4,
        user: 'u-70',
        clientId: 'c2',
        at: 1,
        kind: 'delete',
        target: 'e1',
      },
    })
    expect(readFrame(frame)).toEqual({ kind: 'routine' })
  })

  it('skips acks, presence and pongs without parsing them', () => {
    for (const frame of [
      { op: 'ack', room: 'r', clientId: 'c', id: 'e', seq: 1 },
      { op: 'accepted', room: 'r', clientId: 'c' },
      { op: 'presence', room: 'r', user: 'u', online: true },
      { op: 'pong' },
    ] satisfies ServerFrame[]) {
      expect(readFrame(JSON.stringify(frame))).toEqual({ kind: 'routine' })
    }
  })

  it('parses replies and errors in full', () => {
    const error: ServerFrame = {
      op: 'error',
      ref: '4',
      code: 'rate_limited',
      message: 'slow down',
      retryable: true,
    }
    expect(readFrame(JSON.stringify(error))).toEqual({
      kind: 'other',
      frame: error,
    })
  })
})
