import { describe, expect, it } from 'vitest'
import {
  algochatAhead,
  comparisonTable,
  comparisonTables,
  formatRatio,
  ratio,
} from './comparison.js'
import type { RunReport } from './report.js'
import { sampleReport } from './sample-report.js'

function run(name: string, changes: (r: RunReport) => void): RunReport {
  const report = sampleReport()
  report.target = { ...report.target, name, driver: name }
  report.server = { ...report.server }
  report.latencyMs = { ...report.latencyMs }
  changes(report)
  return report
}

describe('ratio', () => {
  it('divides Algochat by the peer', () => {
    expect(ratio(10, 4)).toBe(2.5)
  })

  it('has no value for a zero or missing peer figure', () => {
    expect(ratio(10, 0)).toBeNull()
    expect(ratio(-3, 5)).toBeNull()
    expect(ratio(Number.NaN, 3)).toBeNull()
    expect(ratio(3, Number.POSITIVE_INFINITY)).toBeNull()
  })

  it('reads the direction of each kind of metric', () => {
    expect(algochatAhead('higher', 1.5)).toBe(true)
    expect(algochatAhead('lower', 1.5)).toBe(false)
    expect(algochatAhead('lower', 0.5)).toBe(true)
  })

  it('formats ratios with two decimals, whole above ten', () => {
    expect(formatRatio(0.4567)).toBe('0.46x')
    expect(formatRatio(12.3)).toBe('12x')
    expect(formatRatio(null)).toBe('-')
  })
})

describe('comparisonTable', () => {
  const algochat = run('algochat', (r) => {
    r.server.kbPerConnection = 8
    r.latencyMs.p99 = 20
  })
  const socketio = run('socketio', (r) => {
    r.server.kbPerConnection = 16
    r.latencyMs.p99 = 10
  })

  it('puts a ratio column per peer beside the servers', () => {
    const lines = comparisonTable([algochat, socketio]).split('\n')
    expect(lines[0]).toBe(
      '| metric | better | algochat | socketio | algochat/socketio |',
    )
    expect(lines).toContainEqual(
      '| KB per connection | lower | 8.0 | 16.0 | 0.50x |',
    )
    expect(lines).toContainEqual(
      '| p99 latency ms | lower | 20.0 | 10.0 | 2.00x |',
    )
  })

  it('shows no ratios when Algochat did not run', () => {
    const lines = comparisonTable([socketio]).split('\n')
    expect(lines[0]).toBe('| metric | better | socketio |')
  })

  it('reads foreign CPU of several nodes from their CPUs together', () => {
    const nodes = (name: string, other: number) =>
      run(name, (r) => {
        r.host = {
          ...r.host,
          serverCore: null,
          nodeCpus: {
            cpus: [0, 1],
            busyPercent: 80,
            otherPercent: other,
            stealPercent: 0,
          },
        }
      })
    const lines = comparisonTable([
      nodes('algochat', 12),
      nodes('centrifugo', 3),
    ]).split('\n')
    expect(lines).toContainEqual('| others on server CPU |  | 12% | 3% |  |')
  })

  it('makes one table per workload', () => {
    const other = run('algochat', (r) => {
      r.scenario = { ...r.scenario, description: 'other' }
    })
    const text = comparisonTables([algochat, socketio, other])
    expect(text.match(/^### /gm)).toHaveLength(2)
  })
})
