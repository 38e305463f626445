import { describe, expect, it } from 'vitest'
import { readCentrifugoFrame } from './centrifugo-frame.js'

describe('readCentrifugoFrame', () => {
  it('reads an empty object as the server ping', () => {
    expect(readCentrifugoFrame('{}')).toEqual([{ kind: 'ping' }])
  })

  it('reads replies, with and without an error', () => {
    expect(
      readCentrifugoFrame(
        '{"id":1,"connect":{"client":"c","version":"6.9.1","ping":25,"pong":true}}',
      ),
    ).toEqual([{ kind: 'reply', id: 1, error: undefined }])
    expect(
      readCentrifugoFrame(
        '{"id":4,"error":{"code":103,"message":"permission denied"}}',
      ),
    ).toEqual([
      {
        kind: 'reply',
        id: 4,
        error: { code: 103, message: 'permission denied' },
      },
    ])
  })

  it('splits newline-separated messages in one frame', () => {
    const frame = [
      '{"push":{"channel":"chat:r1","pub":{"data":"a","offset":1}}}',
      '{"id":2,"publish":{}}',
      '{"push":{"channel":"chat:r1","pub":{"data":{"t":"b"}}}}',
    ].join('\n')
    expect(readCentrifugoFrame(frame)).toEqual([
      { kind: 'publication', channel: 'chat:r1', data: 'a' },
      { kind: 'reply', id: 2, error: undefined },
      { kind: 'publication', channel: 'chat:r1', data: { t: 'b' } },
    ])
  })

  it('reads a disconnect push', () => {
    expect(
      readCentrifugoFrame(
        '{"push":{"disconnect":{"code":3005,"reason":"expired"}}}',
      ),
    ).toEqual([{ kind: 'disconnect', code: 3005, reason: 'expired' }])
  })
})
