import { describe, expect, it } from 'vitest'
import { Histogram } from './histogram.js'

/** Exact percentile of a sorted array, by the same nearest-rank rule. */
function exactPercentile(sorted: number[], percentile: number): number {
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length))
  return sorted[rank - 1]!
}

/** A small deterministic generator, so the tests never flake. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

describe('Histogram', () => {
  it('reports NaN percentiles when empty', () => {
    const histogram = new Histogram()
    expect(histogram.count).toBe(0)
    expect(histogram.valueAt(50)).toBeNaN()
    expect(histogram.summary().max).toBeNaN()
  })

  it('counts values below 2^precisionBits exactly', () => {
    const histogram = new Histogram({ precisionBits: 8 })
    for (let v = 0; v < 256; v++) histogram.record(v)
    expect(histogram.valueAt(50)).toBe(127)
    expect(histogram.valueAt(100)).toBe(255)
    expect(histogram.summary().min).toBe(0)
    expect(histogram.summary().mean).toBeCloseTo(127.5, 10)
  })

  it('matches the percentiles of a uniform distribution within 0.5%', () => {
    const histogram = new Histogram()
    const values: number[] = []
    for (let v = 1; v <= 100_000; v++) {
      histogram.record(v)
      values.push(v)
    }
    for (const p of [50, 90, 95, 99, 99.9, 99.99]) {
      const expected = exactPercentile(values, p)
      expect(Math.abs(histogram.valueAt(p) - expected) / expected).toBeLessThan(
        0.005,
      )
    }
    expect(histogram.valueAt(100)).toBe(100_000)
  })

  it('matches the percentiles of an exponential distribution', () => {
    const histogram = new Histogram()
    const next = random(42)
    const values: number[] = []
    for (let i = 0; i < 200_000; i++) {
      // Mean 2 ms in microseconds, like a lightly loaded server.
      const v = Math.round(-Math.log(1 - next()) * 2_000)
      histogram.record(v)
      values.push(v)
    }
    values.sort((a, b) => a - b)

    for (const p of [50, 95, 99, 99.9]) {
      const expected = exactPercentile(values, p)
      expect(Math.abs(histogram.valueAt(p) - expected)).toBeLessThanOrEqual(
        Math.max(1, expected * 0.005),
      )
    }
    // The analytic median of the distribution is 2000 * ln 2.
    expect(histogram.valueAt(50) / (2_000 * Math.LN2)).toBeCloseTo(1, 1)
  })

  it('keeps every bucket boundary consistent across magnitudes', () => {
    const histogram = new Histogram({ precisionBits: 4, maxValue: 2 ** 20 })
    const values = [
      0,
      1,
      15,
      16,
      17,
      31,
      32,
      33,
      1_000,
      4_095,
      4_096,
      99_999,
      2 ** 20,
    ]
    for (const v of values) {
      histogram.reset()
      histogram.record(v)
      const reported = histogram.valueAt(50)
      // A single value is reported exactly: the bucket middle is clamped
      // to the recorded min and max.
      expect(reported).toBe(v)
      const [low, count] = histogram.buckets()[0]!
      expect(count).toBe(1)
      expect(low).toBeLessThanOrEqual(v)
      expect(v - low).toBeLessThan(Math.max(1, v / 2 ** 3))
    }
  })

  it('clamps values above maxValue and counts them', () => {
    const histogram = new Histogram({ maxValue: 1_000 })
    histogram.record(5_000)
    histogram.record(-3)
    expect(histogram.clamped).toBe(1)
    expect(histogram.summary().max).toBe(1_000)
    expect(histogram.summary().min).toBe(0)
  })

  it('merges two histograms into the distribution of both', () => {
    const low = new Histogram()
    const high = new Histogram()
    for (let v = 1; v <= 1_000; v++) low.record(v)
    for (let v = 1_001; v <= 2_000; v++) high.record(v)
    low.merge(high)
    expect(low.count).toBe(2_000)
    expect(Math.abs(low.valueAt(50) - 1_000)).toBeLessThanOrEqual(4)
    expect(low.summary().max).toBe(2_000)
  })

  it('records repeated values with a weight', () => {
    const histogram = new Histogram()
    histogram.record(10, 99)
    histogram.record(5_000, 1)
    expect(histogram.valueAt(99)).toBe(10)
    expect(Math.abs(histogram.valueAt(100) - 5_000)).toBeLessThan(25)
  })
})
