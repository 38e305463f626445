import type { RunReport } from './report.js'

/** Which way a metric improves, so a ratio can be read at a glance. */
export type Better = 'higher' | 'lower'

export interface ComparedMetric {
  name: string
  better: Better | undefined
  value: (report: RunReport) => number
  format: (value: number) => string
  /** Whether the table shows Algochat's ratio to each peer. */
  ratio: boolean
}

const int = (v: number) =>
  Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-'
const ms = (v: number) =>
  !Number.isFinite(v) ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1)
const pct = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)}%` : '-')

export const comparedMetrics: ComparedMetric[] = [
  {
    name: 'delivered msg/s',
    better: 'higher',
    value: (r) => r.throughput.deliveredPerSecond,
    format: int,
    ratio: true,
  },
  {
    name: 'deliveries per server CPU-s',
    better: 'higher',
    value: (r) => r.server.deliveriesPerCpuSecond,
    format: int,
    ratio: true,
  },
  {
    name: 'p50 latency ms',
    better: 'lower',
    value: (r) => r.latencyMs.p50,
    format: ms,
    ratio: true,
  },
  {
    name: 'p99 latency ms',
    better: 'lower',
    value: (r) => r.latencyMs.p99,
    format: ms,
    ratio: true,
  },
  {
    name: 'KB per connection',
    better: 'lower',
    value: (r) => r.server.kbPerConnection,
    format: (v) => (Number.isFinite(v) ? v.toFixed(1) : '-'),
    ratio: true,
  },
  {
    name: 'p99.9 latency ms',
    better: 'lower',
    value: (r) => r.latencyMs.p999,
    format: ms,
    ratio: false,
  },
  {
    name: 'lost',
    better: 'lower',
    value: (r) => r.delivery.lost,
    format: int,
    ratio: false,
  },
  {
    name: 'duplicates',
    better: 'lower',
    value: (r) => r.delivery.duplicates,
    format: int,
    ratio: false,
  },
  {
    name: 'server RSS connected MB',
    better: 'lower',
    value: (r) => r.server.rssConnectedKb / 1_024,
    format: int,
    ratio: false,
  },
  {
    name: 'server CPU',
    better: undefined,
    value: (r) => r.server.cpuPercent,
    format: pct,
    ratio: false,
  },
  {
    name: 'harness CPU',
    better: undefined,
    value: (r) => r.harness.cpuPercent,
    format: pct,
    ratio: false,
  },
  {
    name: 'others on server CPU',
    better: undefined,
    value: (r) =>
      r.host.serverCore?.otherPercent ??
      r.host.nodeCpus?.otherPercent ??
      Number.NaN,
    format: pct,
    ratio: false,
  },
]

/**
 * Algochat's figure over the peer's; null when either is missing or
 * negative (memory noise at small counts) or the peer's is zero. Above 1 is better for a higher-is-better metric and
 * worse for a lower-is-better one.
 */
export function ratio(algochat: number, peer: number): number | null {
  if (!Number.isFinite(algochat) || !Number.isFinite(peer)) return null
  if (algochat < 0 || peer <= 0) {
    return null
  }
  return algochat / peer
}

/** Whether Algochat comes out ahead on this metric by this ratio. */
export function algochatAhead(better: Better, value: number): boolean {
  return better === 'higher' ? value > 1 : value < 1
}

export function formatRatio(value: number | null): string {
  if (value === null) return '-'
  return value >= 10 ? `${value.toFixed(0)}x` : `${value.toFixed(2)}x`
}

/** Runs of the same workload: same scenario name and description. */
export function groupByCase(
  reports: readonly RunReport[],
): Map<string, RunReport[]> {
  const groups = new Map<string, RunReport[]>()
  for (const report of reports) {
    const key = `${report.scenario.name}: ${report.scenario.description}`
    const group = groups.get(key) ?? []
    group.push(report)
    groups.set(key, group)
  }
  return groups
}

/**
 * One markdown table per workload, a column per server and, where
 * Algochat ran, a ratio column per peer for the headline metrics.
 */
export function comparisonTables(reports: readonly RunReport[]): string {
  const tables: string[] = []
  for (const [title, group] of groupByCase(reports)) {
    tables.push(`### ${title}\n\n${comparisonTable(group)}`)
  }
  return tables.join('\n\n')
}

export function comparisonTable(group: readonly RunReport[]): string {
  const algochat = group.find((r) => r.target.name === 'algochat')
  const peers = algochat ? group.filter((r) => r !== algochat) : []
  const header = [
    'metric',
    'better',
    ...group.map((r) => r.target.name),
    ...peers.map((p) => `algochat/${p.target.name}`),
  ]
  const rows = comparedMetrics.map((metric) => {
    const ratios = peers.map((peer) =>
      metric.ratio && algochat
        ? formatRatio(ratio(metric.value(algochat), metric.value(peer)))
        : '',
    )
    return [
      metric.name,
      metric.better ?? '',
      ...group.map((r) => metric.format(metric.value(r))),
      ...ratios,
    ]
  })
  const contended = [
    'contended run',
    '',
    ...group.map((r) => (r.host.contended ? 'yes' : 'no')),
    ...peers.map(() => ''),
  ]

  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  const rule = header.map((_, i) => (i < 2 ? '---' : '---:'))
  return [header, rule, ...rows, contended].map(line).join('\n')
}
