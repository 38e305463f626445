import { loadavg } from 'node:os'
import type { Pinning } from '../host/pinning.js'
import { coreUsage, sharedCoresUsage } from '../measure/core-usage.js'
import type { DeliveryRecorder } from '../measure/delivery-recorder.js'
import type { NodeMemory } from '../measure/node-totals.js'
import { clockTicksPerSecond } from '../measure/proc-stats.js'
import type { Scenario } from '../scenarios/scenario.js'
import type { TrafficResult } from '../scenarios/traffic.js'
import type { RunningServer, ServerNode } from '../targets/target.js'
import { machineInfo } from './machine.js'
import { nodeFigures } from './node-figures.js'
import {
  contendedPercent,
  harnessBoundPercent,
  type RunReport,
} from './report.js'
import { difference, round, summaryInMs } from './figures.js'

/** What a finished run observed, before it is turned into figures. */
export interface RunFacts {
  startedAt: string
  command: string
  scenario: Scenario
  target: { name: string; driver: string }
  server: RunningServer
  pinning: Pinning
  setup: RunReport['setup']
  /** Summed over the nodes when there are several. */
  memory: { rssBeforeKb: number; rssConnectedKb: number; rssAfterKb: number }
  /** A server run as several processes: each node and its readings. */
  nodes?: { servers: readonly ServerNode[]; memory: NodeMemory }
  traffic: TrafficResult
  recorder: DeliveryRecorder
  errors: Record<string, number>
  disconnects: number
}

/** Turns counters and snapshots into the report's rates and shares. */
export function buildReport(facts: RunFacts): RunReport {
  const { scenario, server, pinning, memory, recorder } = facts
  const { start, end } = facts.traffic
  const windowSeconds = (end.at - start.at) / 1_000
  const sent = end.sent - start.sent
  const delivered = end.delivered - start.delivered
  const serverCpuSeconds = end.serverCpu - start.serverCpu
  const writtenKb = (end.serverWriteBytes - start.serverWriteBytes) / 1_024
  const harnessCpuSeconds = (end.harnessCpuUs - start.harnessCpuUs) / 1e6
  const harnessCpuPercent = (harnessCpuSeconds / windowSeconds) * 100
  const connections = facts.setup.connections

  const usageOf = (cpus: string | undefined, ownSeconds: number) =>
    cpus === undefined
      ? null
      : coreUsage(
          Number(cpus),
          start.cores,
          end.cores,
          ownSeconds,
          clockTicksPerSecond(),
        )
  const { nodes } = facts
  const serverCore = nodes ? null : usageOf(pinning.server, serverCpuSeconds)
  const harnessCore = nodes ? null : usageOf(pinning.harness, harnessCpuSeconds)

  // Nodes that take every CPU share them with the harness, whose time
  // is then its own and not another process's.
  const nodeCpus =
    nodes && pinning.server !== undefined
      ? sharedCoresUsage(
          pinning.server.split(',').map(Number),
          start.cores,
          end.cores,
          serverCpuSeconds +
            (pinning.harness === undefined ? harnessCpuSeconds : 0),
          clockTicksPerSecond(),
        )
      : undefined

  return {
    format: 1,
    startedAt: facts.startedAt,
    command: facts.command,
    scenario: {
      name: scenario.name,
      description: scenario.description,
      clients: scenario.clients.length,
      rooms: scenario.layout.rooms.length,
      ratePerPublisher: scenario.ratePerPublisher,
      payloadBytes: scenario.payloadBytes,
      warmupSeconds: scenario.warmupSeconds,
      durationSeconds: scenario.durationSeconds,
    },
    target: {
      ...facts.target,
      version: server.version,
      revision: server.revision,
    },
    machine: machineInfo(),
    host: {
      busyBeforePercent: null,
      loadAverage1m: round(loadavg()[0] ?? 0),
      serverCore,
      harnessCore,
      ...(nodeCpus === undefined ? {} : { nodeCpus }),
      contended: [serverCore, harnessCore, nodeCpus ?? null].some(
        (core) => core !== null && core.otherPercent > contendedPercent,
      ),
    },
    pinning: {
      server: pinning.server ?? null,
      harness: pinning.harness ?? null,
      ...(pinning.shared === undefined ? {} : { shared: pinning.shared }),
    },
    setup: facts.setup,
    throughput: {
      windowSeconds: round(windowSeconds),
      sent,
      sentPerSecond: round(sent / windowSeconds),
      delivered,
      deliveredPerSecond: round(delivered / windowSeconds),
    },
    latencyMs: summaryInMs(recorder.latency.summary()),
    scheduledLatencyMs: summaryInMs(recorder.scheduledLatency.summary()),
    delivery: {
      ...recorder.tracker.counts(),
      unreadable: recorder.unreadable,
      drainSeconds: facts.traffic.drain.seconds,
      lateAtDrainEnd: facts.traffic.drain.stillArriving,
    },
    server: {
      pid: server.pid,
      ...(nodes
        ? {
            nodes: nodeFigures(
              nodes.servers,
              nodes.memory,
              start.nodeCpu,
              end.nodeCpu,
              windowSeconds,
            ),
          }
        : {}),
      ...memory,
      kbPerConnection: round(
        (memory.rssConnectedKb - memory.rssBeforeKb) / connections,
      ),
      cpuSeconds: round(serverCpuSeconds),
      cpuPercent: round((serverCpuSeconds / windowSeconds) * 100),
      deliveriesPerCpuSecond: round(delivered / serverCpuSeconds),
      diskWriteKbPerSecond: round(writtenKb / windowSeconds),
      diskWriteKbPerMessage: sent > 0 ? round(writtenKb / sent) : 0,
      counters: difference(start.counters, end.counters),
    },
    harness: {
      cpuPercent: round(harnessCpuPercent),
      harnessBound: harnessCpuPercent > harnessBoundPercent,
      eventLoopDelayP99Ms: round(facts.traffic.eventLoopDelayP99Ms),
      maxSendLagMs: round(facts.traffic.maxSendLagMs),
    },
    errors: facts.errors,
    disconnects: facts.disconnects,
    serverLog: null,
    profile: null,
    latencyBucketsUs: recorder.latency.buckets(),
  }
}
