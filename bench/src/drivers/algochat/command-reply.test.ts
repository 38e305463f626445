import type { ServerFrame } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { readCommandReply } from './command-reply.js'

const read = (frame: ServerFrame) => readCommandReply(JSON.stringify(frame))

describe('readCommandReply', () => {
  it('reads accepted and ack frames by clientId', () => {
    expect(read({ op: 'accepted', room: 'r-1', clientId: 'k' })).toEqual({
      kind: 'accepted',
      clientId: 'k',
    })
    expect(
      read({ op: 'ack', room: 'r-1', clientId: 'k', id: 'e9', seq: 12 }),
    ).toEqual({ kind: 'ack', clientId: 'k', seq: 12 })
  })

  it('reads an error that answers a command as a rejection', () => {
    const error: ServerFrame = {
      op: 'error',
      code: 'log_unavailable',
      message: 'the log is away',
      retryable: true,
      clientId: 'k',
      room: 'r-1',
    }
    expect(read(error)).toEqual({
      kind: 'rejected',
      clientId: 'k',
      code: 'log_unavailable',
    })
  })

  it('ignores errors without a clientId, events and pongs', () => {
    const error: ServerFrame = {
      op: 'error',
      ref: '3',
      code: 'forbidden',
      message: 'no',
      retryable: false,
    }
    expect(read(error)).toBeUndefined()
    expect(read({ op: 'pong' })).toBeUndefined()
    expect(
      readCommandReply('{"op":"event","event":{"kind":"message"}}'),
    ).toBeUndefined()
  })
})
