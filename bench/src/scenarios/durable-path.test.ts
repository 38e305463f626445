import { describe, expect, it } from 'vitest'
import type { HistogramSummary } from '../measure/histogram.js'
import {
  durablePathRuns,
  durablePathTable,
  parseRates,
  type DurablePathResult,
} from './durable-path.js'

describe('durablePathRuns', () => {
  it('makes one run per preset rate', () => {
    const runs = durablePathRuns('quick', {})
    expect(runs.map((run) => run.rate)).toEqual([1_000, 5_000])
    expect(runs[0]!.clients).toBe(2_000)
  })

  it('takes the rates and sizes given, keeping the rest of the preset', () => {
    const runs = durablePathRuns(
      'full',
      { clients: 200, durationSeconds: undefined },
      [100],
    )
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ rate: 100, clients: 200 })
    expect(runs[0]!.durationSeconds).toBe(60)
  })
})

describe('parseRates', () => {
  it('reads a comma-separated list and refuses anything else', () => {
    expect(parseRates('100, 500')).toEqual([100, 500])
    expect(() => parseRates('100,fast')).toThrow(/--durable-rates/)
    expect(() => parseRates('0')).toThrow(/--durable-rates/)
  })
})

describe('durablePathTable', () => {
  it('prints a row per rate with the latency tails', () => {
    const latency = (p50: number): HistogramSummary => ({
      count: 10,
      min: 1,
      max: 90,
      mean: p50,
      p50,
      p95: 20,
      p99: 30,
      p999: 40,
    })
    const result = {
      options: { rate: 1_000, clients: 2_000 },
      throughput: { deliveredPerSecond: 9_999.6 },
      acceptedMs: latency(2.5),
      ackMs: latency(12),
      storeLagMs: { ...latency(1), count: 0 },
      delivery: { lost: 0, duplicates: 1 },
      commands: { missingAck: 3 },
      server: { maxBacklog: 1_200, cpuPercent: 41.6 },
      engines: { cpuPercent: { kafka: 30.4, ferretdb: 12 } },
    } as unknown as DurablePathResult

    const lines = durablePathTable([result]).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]!.split('|')).toHaveLength(lines[1]!.split('|').length)
    expect(lines[2]).toBe(
      '| 1,000 | 2,000 | 10,000 | 2.50 / 20.0 / 30.0 / 40.0 | 12.0 / 20.0 / 30.0 / 40.0 | - | 0 | 1 | 3 | 1,200 | 42% | kafka 30%, ferretdb 12% |',
    )
  })
})
