import type { RunReport } from './report.js'

/**
 * Reports as a markdown table, one row per run, so runs of different
 * servers or scenarios printed together compare column by column.
 */
export function markdownTable(reports: readonly RunReport[]): string {
  const columns: [string, (r: RunReport) => string][] = [
    ['server', (r) => r.target.name],
    ['scenario', (r) => r.scenario.name],
    ['clients', (r) => integer(r.scenario.clients)],
    ['rooms', (r) => integer(r.scenario.rooms)],
    ['msg/s/client', (r) => String(r.scenario.ratePerPublisher)],
    ['delivered msg/s', (r) => integer(r.throughput.deliveredPerSecond)],
    ['p50 ms', (r) => ms(r.latencyMs.p50)],
    ['p95 ms', (r) => ms(r.latencyMs.p95)],
    ['p99 ms', (r) => ms(r.latencyMs.p99)],
    ['p99.9 ms', (r) => ms(r.latencyMs.p999)],
    ['lost', (r) => lost(r)],
    ['dup', (r) => integer(r.delivery.duplicates)],
    ['KB/conn', (r) => r.server.kbPerConnection.toFixed(1)],
    ['server CPU', (r) => `${r.server.cpuPercent.toFixed(0)}%`],
    ['deliveries/CPU-s', (r) => integer(r.server.deliveriesPerCpuSecond)],
    ['harness CPU', (r) => `${r.harness.cpuPercent.toFixed(0)}%`],
    ['harness-bound', (r) => (r.harness.harnessBound ? 'yes' : 'no')],
    ['others on server CPU', (r) => othersOnServerCore(r)],
  ]

  const header = `| ${columns.map(([name]) => name).join(' | ')} |`
  const rule = `| ${columns.map(([name]) => align(name)).join(' | ')} |`
  const rows = reports.map(
    (report) => `| ${columns.map(([, cell]) => cell(report)).join(' | ')} |`,
  )
  return [header, rule, ...rows].join('\n')
}

const textColumns = new Set(['server', 'scenario', 'harness-bound'])

/** Text columns align left, numbers right. */
function align(name: string): string {
  return textColumns.has(name) ? '---' : '---:'
}

/**
 * CPU other processes took from the server's core: the noise floor. For
 * several nodes, from their CPUs together, less the harness's share.
 */
function othersOnServerCore(report: RunReport): string {
  const core = report.host.serverCore ?? report.host.nodeCpus
  return core ? `${core.otherPercent.toFixed(0)}%` : '-'
}

/** Missing deliveries, marked when they were still arriving: late. */
function lost(report: RunReport): string {
  const { lost: count, lateAtDrainEnd } = report.delivery
  return lateAtDrainEnd && count > 0
    ? `${integer(count)} (late)`
    : integer(count)
}

function integer(value: number): string {
  return Number.isFinite(value)
    ? Math.round(value).toLocaleString('en-US')
    : '-'
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '-'
  return value < 10 ? value.toFixed(2) : value.toFixed(1)
}
