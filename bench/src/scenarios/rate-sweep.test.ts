import { describe, expect, it } from 'vitest'
import type { RunReport } from '../report/report.js'
import { sampleReport } from '../report/sample-report.js'
import {
  highestSustained,
  stepVerdict,
  sustainedRate,
  sweepPresets,
  sweepStep,
  sweepTable,
  type SweepResult,
} from './rate-sweep.js'

/** A step at `rate` msg/s per client over 2,000 clients. */
function step(
  rate: number,
  change: { p99?: number; lost?: number; harnessBound?: boolean } = {},
): RunReport {
  const base = sampleReport()
  return {
    ...base,
    scenario: { ...base.scenario, name: 'rate-sweep', ratePerPublisher: rate },
    latencyMs: { ...base.latencyMs, p99: change.p99 ?? 10 },
    delivery: { ...base.delivery, lost: change.lost ?? 0 },
    harness: { ...base.harness, harnessBound: change.harnessBound ?? false },
  }
}

function result(server: string, reports: RunReport[]): SweepResult {
  return {
    server,
    clients: 2_000,
    steps: reports.map((report) => ({ report, verdict: stepVerdict(report) })),
  }
}

describe('stepVerdict', () => {
  it('holds with no loss and p99 at the limit', () => {
    expect(stepVerdict(step(1, { p99: 200 }))).toEqual({ sustained: true })
  })

  it('fails past the latency limit or on any loss, saying why', () => {
    expect(stepVerdict(step(1, { p99: 200.5 }))).toMatchObject({
      sustained: false,
      why: 'p99 200.5 ms',
    })
    expect(stepVerdict(step(1, { lost: 3 }))).toMatchObject({
      sustained: false,
      why: '3 lost',
    })
  })

  it('treats a harness-bound step as no verdict on the server', () => {
    expect(stepVerdict(step(1, { harnessBound: true }))).toEqual({
      sustained: false,
      why: 'harness-bound',
      harnessBound: true,
    })
  })
})

describe('highestSustained', () => {
  it('is the last step before the first failure, not a later lucky one', () => {
    const sweep = result('algochat', [
      step(0.5),
      step(1),
      step(2, { p99: 900 }),
      step(4),
    ])
    expect(highestSustained(sweep)?.scenario.ratePerPublisher).toBe(1)
    expect(sustainedRate(sweep)).toBe(2_000)
  })

  it('is undefined when the first step already failed', () => {
    const sweep = result('algochat', [step(0.5, { lost: 1 })])
    expect(highestSustained(sweep)).toBeUndefined()
    expect(sustainedRate(sweep)).toBeUndefined()
  })
})

describe('sweepTable', () => {
  it("gives each peer's row Algochat's sustained rate over its own", () => {
    const table = sweepTable([
      result('algochat', [step(0.5), step(1, { p99: 300 })]),
      result('socketio', [step(0.5), step(1), step(2, { lost: 5 })]),
    ])
    const rows = table.split('\n')
    expect(rows[2]).toContain('| algochat | 2,000 | 1,000 |')
    expect(rows[2]).toContain('| 2,000 | p99 300 ms |')
    expect(rows[3]).toContain('| socketio | 2,000 | 2,000 |')
    expect(rows[3]).toContain('| 4,000 | 5 lost | 0.50x |')
  })
})

describe('sweepStep', () => {
  it('runs the preset layout at the given rate under its own name', () => {
    const scenario = sweepStep(sweepPresets.quick, 2)
    expect(scenario.name).toBe('rate-sweep')
    expect(scenario.ratePerPublisher).toBe(2)
    expect(scenario.clients).toHaveLength(2_000)
    expect(scenario.layout.rooms).toHaveLength(200)
  })
})
