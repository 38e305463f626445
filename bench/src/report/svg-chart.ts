import type { RunReport } from './report.js'

/** A fixed colour per server, so every chart reads the same way. */
const colours: Record<string, string> = {
  algochat: '#2563eb',
  socketio: '#16a34a',
  centrifugo: '#dc2626',
}
const fallbackColour = '#6b7280'
export const font = 'font-family="sans-serif" font-size="12"'

export function colour(server: string): string {
  return colours[server] ?? fallbackColour
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Two decimals at most, so the SVG stays small and diffable. */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100)
}

/**
 * Horizontal bars, one per run grouped by workload: the p99 latency as
 * a pale bar with the p50 as a solid one inside it, on a log scale
 * because the servers differ by orders of magnitude.
 */
export function latencyChart(reports: readonly RunReport[]): string {
  const rows = reports.filter(
    (r) => Number.isFinite(r.latencyMs.p99) && r.latencyMs.p99 > 0,
  )
  const labelWidth = 360
  const plotWidth = 480
  const rowHeight = 18
  const top = 40
  const height = top + rows.length * rowHeight + 40
  const width = labelWidth + plotWidth + 80

  const lows = rows.map((r) => Math.max(r.latencyMs.p50, 0.1))
  const min = 10 ** Math.floor(Math.log10(Math.min(...lows, 1)))
  const max =
    10 **
    Math.ceil(Math.log10(Math.max(...rows.map((r) => r.latencyMs.p99), 10)))
  const x = (ms: number) =>
    labelWidth +
    (Math.log10(Math.max(ms, min) / min) / Math.log10(max / min)) * plotWidth

  const parts: string[] = [
    `<text x="10" y="20" ${font} font-weight="bold">Latency, send to delivery (ms, log scale): p50 solid, p99 pale</text>`,
  ]
  for (let tick = min; tick <= max; tick *= 10) {
    parts.push(
      `<line x1="${n(x(tick))}" y1="${top - 6}" x2="${n(x(tick))}" y2="${height - 30}" stroke="#e5e7eb"/>`,
      `<text x="${n(x(tick))}" y="${height - 14}" ${font} text-anchor="middle">${n(tick)}</text>`,
    )
  }
  rows.forEach((report, index) => {
    const y = top + index * rowHeight
    const fill = colour(report.target.name)
    const label = `${report.scenario.description} · ${report.target.name}`
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + 12}" ${font} text-anchor="end">${escapeXml(label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 2}" width="${n(x(report.latencyMs.p99) - labelWidth)}" height="${rowHeight - 4}" fill="${fill}" fill-opacity="0.3"/>`,
      `<rect x="${labelWidth}" y="${y + 2}" width="${n(x(report.latencyMs.p50) - labelWidth)}" height="${rowHeight - 4}" fill="${fill}"/>`,
      `<text x="${n(x(report.latencyMs.p99) + 4)}" y="${y + 12}" ${font}>${n(report.latencyMs.p50)} / ${n(report.latencyMs.p99)}</text>`,
    )
  })
  return svg(width, height, parts)
}

/**
 * Server memory per connection against the number of connections, one
 * line per server, from every run that measured it.
 */
export function memoryChart(reports: readonly RunReport[]): string {
  const points = reports.filter(
    (r) => r.setup.connections > 0 && r.server.kbPerConnection > 0,
  )
  const width = 640
  const height = 360
  const left = 60
  const right = 140
  const top = 40
  const bottom = 50
  const maxX = Math.max(...points.map((r) => r.setup.connections), 1)
  const maxY = Math.max(...points.map((r) => r.server.kbPerConnection), 1)
  const x = (c: number) => left + (c / maxX) * (width - left - right)
  const y = (kb: number) =>
    height - bottom - (kb / maxY) * (height - top - bottom)

  const parts: string[] = [
    `<text x="10" y="20" ${font} font-weight="bold">Server memory per connection (KB) against connections</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#111827"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#111827"/>`,
    `<text x="${left}" y="${height - bottom + 16}" ${font}>0</text>`,
    `<text x="${width - right}" y="${height - bottom + 16}" ${font} text-anchor="end">${maxX.toLocaleString('en-US')} connections</text>`,
    `<text x="${left - 6}" y="${top + 4}" ${font} text-anchor="end">${n(maxY)}</text>`,
  ]

  const servers = [...new Set(points.map((r) => r.target.name))]
  servers.forEach((server, index) => {
    const mine = points
      .filter((r) => r.target.name === server)
      .sort((a, b) => a.setup.connections - b.setup.connections)
    const fill = colour(server)
    const path = mine
      .map(
        (r) => `${n(x(r.setup.connections))},${n(y(r.server.kbPerConnection))}`,
      )
      .join(' ')
    if (mine.length > 1) {
      parts.push(`<polyline points="${path}" fill="none" stroke="${fill}"/>`)
    }
    for (const r of mine) {
      parts.push(
        `<circle cx="${n(x(r.setup.connections))}" cy="${n(y(r.server.kbPerConnection))}" r="4" fill="${fill}"/>`,
      )
    }
    parts.push(
      `<rect x="${width - right + 16}" y="${top + index * 20}" width="12" height="12" fill="${fill}"/>`,
      `<text x="${width - right + 34}" y="${top + index * 20 + 10}" ${font}>${escapeXml(server)}</text>`,
    )
  })
  return svg(width, height, parts)
}

export function svg(width: number, height: number, parts: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}
