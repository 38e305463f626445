import type { DeliveryRecorder } from '../measure/delivery-recorder.js'
import {
  readCoreTicks,
  readCpuSeconds,
  readWriteBytes,
  type CoreTicks,
} from '../measure/proc-stats.js'
import { total } from '../measure/node-totals.js'

/** Counters at one instant; phases are measured as differences. */
export interface Snapshot {
  /** Harness clock, ms. */
  at: number
  sent: number
  delivered: number
  /** Server CPU time so far, s, all nodes together. */
  serverCpu: number
  /** The same per node, in the order of the pids read. */
  nodeCpu: number[]
  /** Bytes the server wrote to storage so far. */
  serverWriteBytes: number
  /** Harness CPU time so far, µs. */
  harnessCpuUs: number
  cores: Map<number, CoreTicks>
  /** The server's own counters, when it exposes any. */
  counters: Record<string, number>
}

export async function takeSnapshot(
  serverPids: readonly number[],
  recorder: DeliveryRecorder,
  sent: () => number,
  counters: () => Promise<Record<string, number>>,
): Promise<Snapshot> {
  // The server's counters first: reading them takes a round trip, and
  // the local figures below should be as close to its answer as possible.
  const serverCounters = await counters()
  const cpu = process.cpuUsage()
  const nodeCpu = serverPids.map(readCpuSeconds)
  return {
    at: performance.now(),
    sent: sent(),
    delivered: recorder.delivered,
    serverCpu: total(nodeCpu),
    nodeCpu,
    serverWriteBytes: total(serverPids.map(readWriteBytes)),
    harnessCpuUs: cpu.user + cpu.system,
    cores: readCoreTicks(),
    counters: serverCounters,
  }
}
