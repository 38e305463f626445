import { describe, expect, it } from 'vitest'
import {
  addressesFor,
  isLoopback,
  sourceAddresses,
} from './source-addresses.js'

describe('source addresses', () => {
  it('hands out loopback addresses after the server one', () => {
    expect(sourceAddresses(3)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4'])
    expect(sourceAddresses(253).at(-1)).toBe('127.0.0.254')
    expect(() => sourceAddresses(0)).toThrow(RangeError)
    expect(() => sourceAddresses(254)).toThrow(RangeError)
  })

  it('sizes the pool so no address carries more than asked', () => {
    expect(addressesFor(2_000)).toBe(2)
    expect(addressesFor(10_000)).toBe(10)
    expect(addressesFor(1)).toBe(1)
    expect(addressesFor(10_000_000)).toBe(253)
  })

  it('recognises loopback hosts only', () => {
    expect(isLoopback('127.0.0.1')).toBe(true)
    expect(isLoopback('127.1.2.3')).toBe(true)
    expect(isLoopback('10.0.0.1')).toBe(false)
    expect(isLoopback('localhost')).toBe(false)
    expect(isLoopback('127.0.0.256')).toBe(false)
  })
})
