import { describe, expect, it } from 'vitest'
import type { RunReport } from './report.js'
import { sampleReport } from './sample-report.js'
import { escapeXml, latencyChart, memoryChart } from './svg-chart.js'

function run(name: string, p50: number, p99: number, kb: number): RunReport {
  const report = sampleReport()
  return {
    ...report,
    target: { ...report.target, name },
    latencyMs: { ...report.latencyMs, p50, p99 },
    server: { ...report.server, kbPerConnection: kb },
  }
}

const runs = [
  run('algochat', 2, 30, 8),
  run('socketio', 1, 900, 50),
  run('centrifugo', 0.5, 45, 60),
]

function wellFormed(svg: string): void {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true)
  expect(svg).not.toMatch(/NaN|Infinity|undefined/)
  const opened = svg.match(/<text\b/g)?.length ?? 0
  expect(svg.match(/<\/text>/g)?.length ?? 0).toBe(opened)
}

describe('latencyChart', () => {
  it('draws a p50 and a p99 bar per run, inside the plot', () => {
    const svg = latencyChart(runs)
    wellFormed(svg)
    // Background plus two bars per run.
    expect(svg.match(/<rect\b/g)).toHaveLength(1 + 2 * runs.length)
    for (const width of svg.matchAll(/<rect x="360" [^>]*width="([\d.]+)"/g)) {
      expect(Number(width[1])).toBeGreaterThanOrEqual(0)
      expect(Number(width[1])).toBeLessThanOrEqual(480)
    }
    expect(svg).toContain('socketio')
  })

  it('copes with no runs at all', () => {
    wellFormed(latencyChart([]))
  })
})

describe('memoryChart', () => {
  it('draws a point and a legend entry per server', () => {
    const svg = memoryChart(runs)
    wellFormed(svg)
    expect(svg.match(/<circle\b/g)).toHaveLength(3)
    expect(svg).toContain('>centrifugo</text>')
  })

  it('leaves out runs whose memory figure is noise', () => {
    expect(memoryChart([run('algochat', 1, 2, -3)])).not.toContain('<circle')
  })
})

describe('escapeXml', () => {
  it('escapes markup in labels', () => {
    expect(escapeXml('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;')
  })
})
