import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff.js'

describe('backoffDelay', () => {
  it('stays between 0 and base · 2^attempt', () => {
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const bound = 100 * 2 ** attempt
      expect(backoffDelay(attempt, 100, 1e6, () => 0)).toBe(0)
      expect(backoffDelay(attempt, 100, 1e6, () => 0.999_999)).toBe(bound - 1)
    }
  })

  it('never exceeds the maximum, however many attempts', () => {
    expect(backoffDelay(50, 500, 30_000, () => 0.999_999)).toBeLessThan(30_000)
    expect(backoffDelay(5_000, 500, 30_000, () => 0.5)).toBe(15_000)
  })

  it('spreads delays over the whole range (full jitter)', () => {
    const delays = Array.from({ length: 2_000 }, () =>
      backoffDelay(3, 100, 30_000),
    )
    expect(Math.min(...delays)).toBeLessThan(100)
    expect(Math.max(...delays)).toBeGreaterThan(700)
    expect(Math.max(...delays)).toBeLessThan(800)
  })
})
