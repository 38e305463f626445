import { loadavg } from 'node:os'
import type { Pinning } from '../host/pinning.js'
import type { DeliveryRecorder } from '../measure/delivery-recorder.js'
import type { CommandLatency } from '../measure/command-latency.js'
import { coreUsage } from '../measure/core-usage.js'
import { engineCpuPercent } from '../engines/engine-cpu.js'
import type { IsolatedNames } from '../engines/isolated-run.js'
import { clockTicksPerSecond } from '../measure/proc-stats.js'
import type { StoreLag } from '../measure/store-lag.js'
import { machineInfo } from '../report/machine.js'
import type { ServerLogSummary } from '../targets/server-log.js'
import type { RunningServer } from '../targets/target.js'
import type { DurablePathOptions, DurablePathResult } from './durable-path.js'
import type { DurableTrafficResult } from './durable-traffic.js'
import { difference, round, summaryInMs } from '../report/figures.js'

/** What a finished durable-path run observed. */
export interface DurableFacts {
  startedAt: string
  command: string
  options: DurablePathOptions
  server: RunningServer
  pinning: Pinning
  names: IsolatedNames
  traffic: DurableTrafficResult
  recorder: DeliveryRecorder
  commands: CommandLatency
  store: StoreLag
  memory: { rssBeforeKb: number; rssConnectedKb: number; rssAfterKb: number }
  errors: Record<string, number>
  disconnects: number
  serverLog: ServerLogSummary | null
}

/** Turns readings at the window's edges into the run's figures. */
export function durablePathResult(facts: DurableFacts): DurablePathResult {
  const { traffic, commands, store, recorder, server, pinning } = facts
  const { start, end } = traffic
  const seconds = (end.at - start.at) / 1_000
  const sent = end.sent - start.sent
  const delivered = end.delivered - start.delivered
  const serverSeconds = end.serverCpu - start.serverCpu
  const harnessSeconds = (end.harnessCpuUs - start.harnessCpuUs) / 1e6
  const counts = commands.counts()
  const refused = Object.values(counts.rejected).reduce((a, b) => a + b, 0)
  const core = (cpus: string | undefined, own: number) =>
    cpus === undefined
      ? null
      : coreUsage(
          Number(cpus),
          start.cores,
          end.cores,
          own,
          clockTicksPerSecond(),
        )

  return {
    format: 1,
    scenario: 'durable-path',
    startedAt: facts.startedAt,
    command: facts.command,
    options: facts.options,
    target: {
      name: 'algochat',
      version: server.version,
      revision: server.revision,
    },
    machine: machineInfo(),
    pinning: {
      server: pinning.server ?? null,
      harness: pinning.harness ?? null,
    },
    engines: {
      topic: facts.names.topic,
      group: facts.names.group,
      mongoDatabase: facts.names.mongoDatabase,
      postgresDatabase: facts.names.postgresDatabase,
      cpuPercent: engineCpuPercent(start.engines, end.engines, seconds),
    },
    host: {
      loadAverage1m: round(loadavg()[0] ?? 0),
      serverCore: core(pinning.server, serverSeconds),
      harnessCore: core(pinning.harness, harnessSeconds),
    },
    throughput: {
      windowSeconds: round(seconds),
      sent,
      sentPerSecond: round(sent / seconds),
      delivered,
      deliveredPerSecond: round(delivered / seconds),
    },
    acceptedMs: summaryInMs(commands.accepted.summary()),
    ackMs: summaryInMs(commands.acked.summary()),
    storeLagMs: summaryInMs(store.lag.summary()),
    deliveryMs: summaryInMs(recorder.latency.summary()),
    storeReader: {
      intervalMs: facts.options.storePollMs,
      ...traffic.storeReader,
      stored: store.stored,
      missing: Math.max(0, counts.sent - refused - store.stored),
    },
    commands: counts,
    delivery: {
      ...recorder.tracker.counts(),
      lateAtDrainEnd: traffic.stillArriving,
      drainSeconds: traffic.drainSeconds,
    },
    server: {
      pid: server.pid,
      ...facts.memory,
      cpuPercent: round((serverSeconds / seconds) * 100),
      counters: difference(start.counters, end.counters),
      backlogAtWindowEnd: traffic.backlogAtWindowEnd,
      maxBacklog: traffic.maxBacklog,
    },
    harness: {
      cpuPercent: round((harnessSeconds / seconds) * 100),
      eventLoopDelayP99Ms: round(traffic.eventLoopDelayP99Ms),
    },
    errors: facts.errors,
    disconnects: facts.disconnects,
    serverLog: facts.serverLog,
  }
}
