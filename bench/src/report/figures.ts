import type { HistogramSummary } from '../measure/histogram.js'

/** A summary of microseconds in milliseconds, to the microsecond. */
export function summaryInMs(summary: HistogramSummary): HistogramSummary {
  const convert = (us: number) => Math.round(us) / 1_000
  return {
    count: summary.count,
    min: convert(summary.min),
    max: convert(summary.max),
    mean: convert(summary.mean),
    p50: convert(summary.p50),
    p95: convert(summary.p95),
    p99: convert(summary.p99),
    p999: convert(summary.p999),
  }
}

/** One decimal place: what a report shows of a rate or a share. */
export function round(value: number): number {
  return Math.round(value * 10) / 10
}

/** Growth of each counter present in both readings. */
export function difference(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [name, value] of Object.entries(after)) {
    const earlier = before[name]
    if (earlier !== undefined) out[name] = value - earlier
  }
  return out
}
