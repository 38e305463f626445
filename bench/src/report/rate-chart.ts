import { sweepP99LimitMs, type SweepResult } from '../scenarios/rate-sweep.js'
import { colour, escapeXml, font, n, svg } from './svg-chart.js'

/**
 * p99 latency against the offered rate, a line per server through every
 * step of its sweep, with the limit a step must stay under drawn across.
 * Latency is on a log scale: past saturation it grows by orders of
 * magnitude.
 */
export function rateChart(sweeps: readonly SweepResult[]): string {
  const points = sweeps.flatMap((sweep) =>
    sweep.steps
      .map(({ report }) => ({
        server: sweep.server,
        rate: report.scenario.ratePerPublisher * report.scenario.clients,
        p99: report.latencyMs.p99,
      }))
      .filter((point) => Number.isFinite(point.p99) && point.p99 > 0),
  )
  const width = 640
  const height = 360
  const left = 60
  const right = 140
  const top = 40
  const bottom = 50

  const maxX = Math.max(...points.map((p) => p.rate), 1)
  const lowest = Math.min(...points.map((p) => p.p99), 1)
  const highest = Math.max(...points.map((p) => p.p99), sweepP99LimitMs * 2)
  const minY = 10 ** Math.floor(Math.log10(lowest))
  const maxY = 10 ** Math.ceil(Math.log10(highest))
  const x = (rate: number) => left + (rate / maxX) * (width - left - right)
  const y = (ms: number) =>
    height -
    bottom -
    (Math.log10(ms / minY) / Math.log10(maxY / minY)) * (height - top - bottom)

  const parts: string[] = [
    `<text x="10" y="20" ${font} font-weight="bold">p99 latency (ms, log scale) against messages per second offered</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#111827"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#111827"/>`,
    `<text x="${left}" y="${height - bottom + 16}" ${font}>0</text>`,
    `<text x="${width - right}" y="${height - bottom + 16}" ${font} text-anchor="end">${maxX.toLocaleString('en-US')} msg/s</text>`,
  ]
  for (let tick = minY; tick <= maxY; tick *= 10) {
    parts.push(
      `<line x1="${left}" y1="${n(y(tick))}" x2="${width - right}" y2="${n(y(tick))}" stroke="#e5e7eb"/>`,
      `<text x="${left - 6}" y="${n(y(tick) + 4)}" ${font} text-anchor="end">${n(tick)}</text>`,
    )
  }
  const limit = n(y(sweepP99LimitMs))
  parts.push(
    `<line x1="${left}" y1="${limit}" x2="${width - right}" y2="${limit}" stroke="#111827" stroke-dasharray="4 4"/>`,
    `<text x="${width - right + 4}" y="${limit}" ${font}>${sweepP99LimitMs} ms</text>`,
  )

  sweeps.forEach((sweep, index) => {
    const mine = points.filter((p) => p.server === sweep.server)
    const stroke = colour(sweep.server)
    if (mine.length > 1) {
      const path = mine.map((p) => `${n(x(p.rate))},${n(y(p.p99))}`).join(' ')
      parts.push(`<polyline points="${path}" fill="none" stroke="${stroke}"/>`)
    }
    for (const p of mine) {
      parts.push(
        `<circle cx="${n(x(p.rate))}" cy="${n(y(p.p99))}" r="4" fill="${stroke}"/>`,
      )
    }
    const legend = top + 30 + index * 20
    parts.push(
      `<rect x="${width - right + 16}" y="${legend}" width="12" height="12" fill="${stroke}"/>`,
      `<text x="${width - right + 34}" y="${legend + 10}" ${font}>${escapeXml(sweep.server)}</text>`,
    )
  })
  return svg(width, height, parts)
}
