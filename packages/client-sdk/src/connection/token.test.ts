import { describe, expect, it } from 'vitest'
import { refreshDelay, resolveToken } from './token.js'

describe('refreshDelay', () => {
  it('refreshes a long-lived token a minute before it expires', () => {
    expect(refreshDelay(3_600)).toBe(3_540_000)
  })

  it('refreshes a short-lived token at 80 % of its lifetime', () => {
    expect(refreshDelay(10)).toBe(8_000)
  })

  it('never waits longer than a timer can', () => {
    expect(refreshDelay(10 * 365 * 86_400)).toBe(2 ** 31 - 1)
  })
})

describe('resolveToken', () => {
  it('accepts a string, a function and an async function', async () => {
    expect(await resolveToken('a')).toBe('a')
    expect(await resolveToken(() => 'b')).toBe('b')
    expect(await resolveToken(async () => 'c')).toBe('c')
  })
})
