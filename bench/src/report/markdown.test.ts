import { describe, expect, it } from 'vitest'
import { markdownTable } from './markdown.js'
import type { RunReport } from './report.js'

const latency = {
  count: 1_000,
  min: 0.5,
  max: 40,
  mean: 3,
  p50: 2.345,
  p95: 9.5,
  p99: 12.25,
  p999: 30,
}

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    format: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    command: 'bench',
    scenario: {
      name: 'small-rooms',
      description: '2000 clients in 200 rooms of 10',
      clients: 2_000,
      rooms: 200,
      ratePerPublisher: 0.5,
      payloadBytes: 100,
      warmupSeconds: 5,
      durationSeconds: 30,
    },
    target: {
      name: 'algochat',
      version: '@algochat/server@0.1.0',
      driver: 'algochat',
      revision: null,
    },
    machine: {
      nproc: 2,
      cpuModel: 'test',
      memoryGb: 1,
      kernel: 'test',
      node: 'v20',
    },
    host: {
      busyBeforePercent: null,
      loadAverage1m: 1,
      serverCore: {
        cpu: 0,
        busyPercent: 60,
        otherPercent: 12.4,
        stealPercent: 0,
      },
      harnessCore: null,
      contended: true,
    },
    pinning: { server: '0', harness: '1' },
    setup: {
      provisionSeconds: 1,
      connectSeconds: 1,
      connections: 2_000,
      sourceAddresses: 2,
      storage: null,
    },
    throughput: {
      windowSeconds: 30,
      sent: 30_000,
      sentPerSecond: 1_000,
      delivered: 300_000,
      deliveredPerSecond: 10_000.4,
    },
    latencyMs: latency,
    scheduledLatencyMs: latency,
    delivery: {
      expected: 1,
      received: 1,
      lost: 0,
      duplicates: 0,
      unexpected: 0,
      roomsWithLoss: 0,
      roomsWithDuplicates: 0,
      unreadable: 0,
      drainSeconds: 1,
      lateAtDrainEnd: false,
    },
    server: {
      pid: 1,
      rssBeforeKb: 1,
      rssConnectedKb: 2,
      rssAfterKb: 3,
      kbPerConnection: 8.66,
      cpuSeconds: 15,
      cpuPercent: 50,
      deliveriesPerCpuSecond: 20_000,
      diskWriteKbPerSecond: 0,
      diskWriteKbPerMessage: 0,
      counters: {},
    },
    harness: {
      cpuPercent: 20,
      harnessBound: false,
      eventLoopDelayP99Ms: 1,
      maxSendLagMs: 1,
    },
    errors: {},
    disconnects: 0,
    serverLog: null,
    profile: null,
    latencyBucketsUs: [],
    ...overrides,
  }
}

describe('markdownTable', () => {
  it('prints one aligned row per report with rounded figures', () => {
    const lines = markdownTable([report()]).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^\| --- \| --- \| ---: \|/)
    expect(lines[2]).toBe(
      '| algochat | small-rooms | 2,000 | 200 | 0.5 | 10,000 | 2.35 | 9.50 | ' +
        '12.3 | 30.0 | 0 | 0 | 8.7 | 50% | 20,000 | 20% | no | 12% |',
    )
  })

  it('marks deliveries still arriving at the end of the drain as late', () => {
    const late = report({
      delivery: { ...report().delivery, lost: 1_234, lateAtDrainEnd: true },
    })
    expect(markdownTable([late])).toContain('| 1,234 (late) |')
  })
})
