import { describe, expect, it } from 'vitest'
import { stepVerdict, type SweepResult } from '../scenarios/rate-sweep.js'
import { rateChart } from './rate-chart.js'
import { sampleReport } from './sample-report.js'

function sweep(server: string, p99s: number[]): SweepResult {
  const steps = p99s.map((p99, index) => {
    const base = sampleReport()
    const report = {
      ...base,
      scenario: { ...base.scenario, ratePerPublisher: 0.5 * 2 ** index },
      latencyMs: { ...base.latencyMs, p99 },
    }
    return { report, verdict: stepVerdict(report) }
  })
  return { server, clients: 2_000, steps }
}

describe('rateChart', () => {
  it('draws a point per step and a line per server with two or more', () => {
    const svg = rateChart([
      sweep('algochat', [5, 40, 2_500]),
      sweep('socketio', [2]),
    ])
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).not.toMatch(/NaN|Infinity|undefined/)
    expect(svg.match(/<circle\b/g)).toHaveLength(4)
    expect(svg.match(/<polyline\b/g)).toHaveLength(1)
    expect(svg).toContain('200 ms')
  })

  it('places higher latency higher up and higher rates further right', () => {
    const svg = rateChart([sweep('algochat', [5, 50])])
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)]
    const [first, second] = circles.map((m) => [Number(m[1]), Number(m[2])])
    expect(second![0]).toBeGreaterThan(first![0]!)
    expect(second![1]).toBeLessThan(first![1]!)
  })
})
