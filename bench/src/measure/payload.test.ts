import { describe, expect, it } from 'vitest'
import { decodePayload, encodePayload, minPayloadBytes } from './payload.js'

describe('payload', () => {
  const fields = {
    room: 999,
    sender: 9,
    seq: 12_345,
    sentAt: 123_456_789_012,
    intendedAt: 123_456_788_000,
  }

  it('round-trips its fields at exactly the size asked for', () => {
    const text = encodePayload(fields, 100)
    expect(text).toHaveLength(100)
    expect(Buffer.byteLength(text)).toBe(100)
    expect(decodePayload(text)).toEqual(fields)
  })

  it('uses no character JSON would escape', () => {
    const text = encodePayload(fields, 100)
    expect(JSON.stringify(text)).toBe(`"${text}"`)
  })

  it('fits large fields in the minimum size', () => {
    const large = { ...fields, room: 99_999, seq: 9_999_999 }
    expect(encodePayload(large, minPayloadBytes)).toHaveLength(minPayloadBytes)
  })

  it('refuses a size the fields do not fit in', () => {
    expect(() => encodePayload(fields, 20)).toThrow(RangeError)
  })

  it('ignores text that is not a benchmark payload', () => {
    expect(decodePayload('hello')).toBeUndefined()
    expect(decodePayload('ab1.1.2')).toBeUndefined()
    expect(decodePayload('ab1.x.2.3.4.5.')).toBeUndefined()
  })
})
