import { describe, expect, it } from 'vitest'
import { difference, round, summaryInMs } from './figures.js'

describe('report figures', () => {
  it('turns a microsecond summary into milliseconds', () => {
    const us = { count: 3, min: 1, max: 2_500.4, mean: 900, p50: 1_234.6 }
    const summary = summaryInMs({ ...us, p95: 2_000, p99: 2_400, p999: 2_500 })
    expect(summary).toEqual({
      count: 3,
      min: 0.001,
      max: 2.5,
      mean: 0.9,
      p50: 1.235,
      p95: 2,
      p99: 2.4,
      p999: 2.5,
    })
  })

  it('rounds to one decimal', () => {
    expect(round(12.345)).toBe(12.3)
    expect(round(0.06)).toBe(0.1)
  })

  it('counts growth only for counters read both times', () => {
    expect(difference({ a: 2, b: 5 }, { a: 7, c: 1 })).toEqual({ a: 5 })
  })
})
