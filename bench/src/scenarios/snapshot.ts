import type { DeliveryRecorder } from '../measure/delivery-recorder.js'
import {
  readCoreTicks,
  readCpuSeconds,
  type CoreTicks,
} from '../measure/proc-stats.js'

/** Counters at one instant; phases are measured as differences. */
export interface Snapshot {
  /** Harness clock, ms. */
  at: number
  sent: number
  delivered: number
  /** Server CPU time so far, s. */
  serverCpu: number
  /** Harness CPU time so far, µs. */
  harnessCpuUs: number
  cores: Map<number, CoreTicks>
}

export function takeSnapshot(
  serverPid: number,
  recorder: DeliveryRecorder,
  sent: number,
): Snapshot {
  const cpu = process.cpuUsage()
  return {
    at: performance.now(),
    sent,
    delivered: recorder.delivered,
    serverCpu: readCpuSeconds(serverPid),
    harnessCpuUs: cpu.user + cpu.system,
    cores: readCoreTicks(),
  }
}
