import type { CoreUsage } from '../measure/core-usage.js'
import type { CommandCounts } from '../measure/command-latency.js'
import type { DeliveryCounts } from '../measure/delivery-tracker.js'
import type { HistogramSummary } from '../measure/histogram.js'
import type { MachineInfo } from '../report/machine.js'
import type { SourceRevision } from '../report/source-revision.js'
import type { ServerLogSummary } from '../targets/server-log.js'

/** One durable-path run: small rooms at one offered load, scale set. */
export interface DurablePathOptions {
  clients: number
  roomSize: number
  /** Messages per second offered, all clients together. */
  rate: number
  payloadBytes: number
  warmupSeconds: number
  durationSeconds: number
  drainSeconds: number
  connectBatch: number
  /** Between looks at the message store, ms: the lag's resolution. */
  storePollMs: number
}

type Preset = Omit<DurablePathOptions, 'rate'> & { rates: number[] }

/** Sizes given on the command line; undefined keeps the preset's. */
export type DurablePathOverrides = {
  [K in keyof Omit<DurablePathOptions, 'rate'>]?:
    | DurablePathOptions[K]
    | undefined
}

/**
 * Both presets offer 1,000 and then 5,000 messages per second from
 * every client of rooms of ten: the first is the small-rooms load, the
 * second five times it, to see where the log, the sequencer and the
 * store start to queue. `--full` has five times the connections and a
 * window long enough for the store's lag to show a trend.
 */
export const durablePathPresets = {
  quick: {
    clients: 2_000,
    roomSize: 10,
    rates: [1_000, 5_000],
    payloadBytes: 100,
    warmupSeconds: 2,
    durationSeconds: 8,
    drainSeconds: 15,
    connectBatch: 100,
    storePollMs: 20,
  },
  full: {
    clients: 10_000,
    roomSize: 10,
    rates: [1_000, 5_000],
    payloadBytes: 100,
    warmupSeconds: 10,
    durationSeconds: 60,
    drainSeconds: 30,
    connectBatch: 200,
    storePollMs: 20,
  },
} satisfies Record<'quick' | 'full', Preset>

/** The runs of a preset, one per rate, with any sizes given on the command line. */
export function durablePathRuns(
  preset: 'quick' | 'full',
  overrides: DurablePathOverrides,
  rates?: readonly number[],
): DurablePathOptions[] {
  const { rates: presetRates, ...base } = durablePathPresets[preset]
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  )
  return (rates ?? presetRates).map((rate) => ({ ...base, ...defined, rate }))
}

/** `--durable-rates 1000,5000`: offered loads in messages per second. */
export function parseRates(raw: string): number[] {
  const rates = raw.split(',').map((part) => Number(part.trim()))
  if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r <= 0)) {
    throw new Error(
      `--durable-rates must be positive numbers separated by commas, got "${raw}"`,
    )
  }
  return rates
}

/** Written to bench/results/durable-path-algochat-<time>.json. */
export interface DurablePathResult {
  format: 1
  scenario: 'durable-path'
  startedAt: string
  command: string
  options: DurablePathOptions
  target: { name: string; version: string; revision: SourceRevision | null }
  machine: MachineInfo
  pinning: { server: string | null; harness: string | null }
  /** The engines: unpinned, sharing every CPU with the node and harness. */
  engines: {
    topic: string
    group: string
    mongoDatabase: string
    postgresDatabase: string
    /** Each engine's CPU over the window, % of one CPU; from /proc. */
    cpuPercent: Record<string, number>
  }
  host: {
    loadAverage1m: number
    serverCore: CoreUsage | null
    harnessCore: CoreUsage | null
  }
  throughput: {
    windowSeconds: number
    sent: number
    sentPerSecond: number
    delivered: number
    deliveredPerSecond: number
  }
  /** Send to `accepted` (durable in Kafka), window sends, ms. */
  acceptedMs: HistogramSummary
  /** Send to `ack` (stored with its seq), window sends, ms. */
  ackMs: HistogramSummary
  /** Send to readable in MongoDB (FerretDB), window sends, ms. */
  storeLagMs: HistogramSummary
  /** Send to delivery to the other members, window sends, ms. */
  deliveryMs: HistogramSummary
  storeReader: {
    /** Asked interval between looks, ms. */
    intervalMs: number
    looks: number
    /** Longest time between two looks, ms: the worst resolution. */
    maxGapMs: number
    /** Time the looks took, all together and the longest, ms. */
    busyMs: number
    maxLookMs: number
    /** Messages found in the store, and sent but never found there. */
    stored: number
    missing: number
  }
  /** Over the whole run; `missing*` is what had no answer at the end. */
  commands: CommandCounts
  delivery: DeliveryCounts & { lateAtDrainEnd: boolean; drainSeconds: number }
  server: {
    pid: number
    rssBeforeKb: number
    rssConnectedKb: number
    rssAfterKb: number
    cpuPercent: number
    /** The server's counters over the window. */
    counters: Record<string, number>
    /**
     * Commands accepted and not yet sequenced (accepted minus sequenced
     * counters): at the window's end, and the most seen at any reading.
     */
    backlogAtWindowEnd: number | null
    maxBacklog: number | null
  }
  harness: { cpuPercent: number; eventLoopDelayP99Ms: number }
  errors: Record<string, number>
  disconnects: number
  serverLog: ServerLogSummary | null
}

/** One markdown table, a row per offered load. */
export function durablePathTable(results: readonly DurablePathResult[]) {
  const header = [
    'offered msg/s',
    'clients',
    'delivered msg/s',
    'accepted p50 / p95 / p99 / p99.9 ms',
    'ack p50 / p95 / p99 / p99.9 ms',
    'in Mongo p50 / p95 / p99 / p99.9 ms',
    'lost',
    'dup',
    'acks missing',
    'max backlog',
    'server CPU',
    'engines CPU',
  ]
  const rows = results.map((r) => {
    const engines = Object.entries(r.engines.cpuPercent)
      .map(([name, percent]) => `${name} ${percent.toFixed(0)}%`)
      .join(', ')
    return [
      number(r.options.rate),
      number(r.options.clients),
      number(Math.round(r.throughput.deliveredPerSecond)),
      tail(r.acceptedMs),
      tail(r.ackMs),
      tail(r.storeLagMs),
      number(r.delivery.lost),
      number(r.delivery.duplicates),
      number(r.commands.missingAck),
      r.server.maxBacklog === null ? '-' : number(r.server.maxBacklog),
      `${r.server.cpuPercent.toFixed(0)}%`,
      engines || '-',
    ]
  })
  // Figures right-aligned; the latency triples and the engines as text.
  const rule = header.map((_, i) =>
    (i >= 3 && i <= 5) || i === header.length - 1 ? '---' : '---:',
  )
  return [header, rule, ...rows]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n')
}

function tail(summary: HistogramSummary): string {
  if (summary.count === 0) return '-'
  return [summary.p50, summary.p95, summary.p99, summary.p999]
    .map((ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)))
    .join(' / ')
}

function number(value: number): string {
  return value.toLocaleString('en-US')
}
