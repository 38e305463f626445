import { AlgochatError, defaultLimits } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { decodeFrame } from './decode-frame.js'

function decode(text: string) {
  return decodeFrame(Buffer.from(text), false, { ...defaultLimits })
}

function codeOf(text: string): string {
  try {
    decode(text)
    return 'accepted'
  } catch (error) {
    return error instanceof AlgochatError ? error.code : 'thrown'
  }
}

describe('decodeFrame', () => {
  it('accepts a well-formed frame and returns it as sent', () => {
    const frame = decode('{"op":"subscribe","room":"a","since":3,"ref":"1"}')
    expect(frame).toEqual({ op: 'subscribe', room: 'a', since: 3, ref: '1' })
  })

  it('refuses keys that stores or prototypes treat specially, at any depth', () => {
    expect(codeOf('{"op":"ping","$gt":1}')).toBe('forbidden_key')
    expect(codeOf('{"op":"ping","a":{"b":[{"__proto__":{}}]}}')).toBe(
      'forbidden_key',
    )
    expect(codeOf('{"op":"ping","constructor":{"prototype":{}}}')).toBe(
      'forbidden_key',
    )
  })

  it('checks numbers as integers within range', () => {
    expect(codeOf('{"op":"read","room":"a","seq":-1}')).toBe('invalid_field')
    expect(codeOf('{"op":"read","room":"a","seq":1.5}')).toBe('invalid_field')
    expect(codeOf('{"op":"history","room":"a","limit":5000}')).toBe(
      'invalid_field',
    )
  })

  it('names the offending field in the message', () => {
    expect(() => decode('{"op":"send","room":"a","clientId":"c"}')).toThrow(
      /text/,
    )
  })

  it('refuses binary frames and frames over the byte limit', () => {
    expect(() =>
      decodeFrame(Buffer.from('{}'), true, { ...defaultLimits }),
    ).toThrow(expect.objectContaining({ code: 'bad_frame' }))
    const limits = { ...defaultLimits, maxFrameBytes: 10 }
    expect(() =>
      decodeFrame(Buffer.from('{"op":"ping","x":1}'), false, limits),
    ).toThrow(expect.objectContaining({ code: 'frame_too_large' }))
  })
})
