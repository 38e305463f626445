import type { DeliveryCounts } from '../measure/delivery-tracker.js'
import type { HistogramSummary } from '../measure/histogram.js'
import type { ProfileSummary } from '../profile/summarize-profile.js'
import type { ServerLogSummary } from '../targets/server-log.js'
import type { CoreUsage, SharedCoresUsage } from '../measure/core-usage.js'
import type { MachineInfo } from './machine.js'
import type { NodeFigures } from './node-figures.js'
import type { SourceRevision } from './source-revision.js'

/** Harness CPU above this share of one core marks a run harness-bound. */
export const harnessBoundPercent = 90

/**
 * Other processes using more than this share of a pinned core mark a run
 * contended: its figures understate what the machine can do.
 */
export const contendedPercent = 10

/** One benchmark run, as written to bench/results/*.json. */
export interface RunReport {
  /** Bumped when fields change meaning. */
  format: 1
  startedAt: string
  command: string
  scenario: {
    name: string
    description: string
    clients: number
    rooms: number
    ratePerPublisher: number
    payloadBytes: number
    warmupSeconds: number
    durationSeconds: number
  }
  target: {
    name: string
    version: string
    driver: string
    revision: SourceRevision | null
  }
  machine: MachineInfo
  /** What else the machine was doing during the window. */
  host: {
    /** All CPUs' busy share in the seconds before the server started. */
    busyBeforePercent: number | null
    loadAverage1m: number
    serverCore: CoreUsage | null
    harnessCore: CoreUsage | null
    /**
     * A server of several nodes: their CPUs taken together. The harness
     * runs there too, so "other" is what was neither a node nor the
     * harness: the engines and anything else on the machine.
     */
    nodeCpus?: SharedCoresUsage | null
    contended: boolean
  }
  /** CPU lists the processes were pinned to; null when unpinned. */
  pinning: {
    server: string | null
    harness: string | null
    /** What shares the server's CPUs, when the layout cannot avoid it. */
    shared?: string
  }
  setup: {
    provisionSeconds: number
    connectSeconds: number
    connections: number
    sourceAddresses: number
    /** Where the server kept its data, and on what filesystem. */
    storage: { dir: string; filesystem: string } | null
  }
  /** Counted over the measured window only. */
  throughput: {
    windowSeconds: number
    sent: number
    sentPerSecond: number
    delivered: number
    deliveredPerSecond: number
  }
  /** Send to delivery, for messages sent in the window, ms. */
  latencyMs: HistogramSummary
  /** Scheduled send to delivery: includes any harness stall, ms. */
  scheduledLatencyMs: HistogramSummary
  /**
   * Loss and duplicates over the whole run, warm-up included. `lost` is
   * what had not arrived when the drain ended; with `lateAtDrainEnd` set
   * deliveries were still coming, so part of it was late, not lost.
   */
  delivery: DeliveryCounts & {
    unreadable: number
    drainSeconds: number
    lateAtDrainEnd: boolean
  }
  /** Memory, CPU and writes are summed over `nodes` when present. */
  server: {
    pid: number
    /** Each process of a server run as several nodes. */
    nodes?: NodeFigures[]
    rssBeforeKb: number
    rssConnectedKb: number
    rssAfterKb: number
    kbPerConnection: number
    /** CPU time the server used during the window, s. */
    cpuSeconds: number
    /** Share of one core during the window, %. */
    cpuPercent: number
    deliveriesPerCpuSecond: number
    /** Storage the server wrote during the window, per second, kB. */
    diskWriteKbPerSecond: number
    /** The same per message sent, kB: write amplification of storing it. */
    diskWriteKbPerMessage: number
    /** The server's own counters over the window (accepted, ...). */
    counters: Record<string, number>
  }
  harness: {
    cpuPercent: number
    harnessBound: boolean
    eventLoopDelayP99Ms: number
    maxSendLagMs: number
  }
  /** Error frames by code, and connections the server dropped. */
  errors: Record<string, number>
  disconnects: number
  /** Warnings and errors the server logged during the whole run. */
  serverLog: ServerLogSummary | null
  profile: ProfileSummary | null
  /** Non-empty latency buckets, [lowest µs, count], for later merging. */
  latencyBucketsUs: [number, number][]
}
