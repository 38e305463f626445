import type { CoreTicks } from './proc-stats.js'

/** How one CPU was used between two /proc/stat readings, %. */
export interface CoreUsage {
  cpu: number
  busyPercent: number
  /** Busy time not accounted to the process pinned there. */
  otherPercent: number
  stealPercent: number
}

/**
 * Usage of `cpu` between two readings, and how much of it was someone
 * else's: `ownSeconds` is the CPU time of the process pinned to it over
 * the same interval. On a shared machine this is what tells a slow
 * server from a starved one.
 */
export function coreUsage(
  cpu: number,
  before: Map<number, CoreTicks>,
  after: Map<number, CoreTicks>,
  ownSeconds: number,
  ticksPerSecond: number,
): CoreUsage | null {
  const a = before.get(cpu)
  const b = after.get(cpu)
  if (!a || !b) return null

  const busy = b.busy - a.busy
  const steal = b.steal - a.steal
  const total = busy + steal + (b.idle - a.idle)
  if (total <= 0) return null

  const percent = (ticks: number) => Math.round((ticks / total) * 1_000) / 10
  const own = ownSeconds * ticksPerSecond
  return {
    cpu,
    busyPercent: percent(busy),
    otherPercent: percent(Math.max(0, busy - own)),
    stealPercent: percent(steal),
  }
}

/** Several CPUs read together, %. */
export interface SharedCoresUsage {
  cpus: number[]
  busyPercent: number
  /** Busy time not accounted to the processes given as own. */
  otherPercent: number
  stealPercent: number
}

/**
 * Usage of `cpus` taken together, when the processes measured spread
 * over all of them and cannot be told apart core by core: `ownSeconds`
 * is the CPU time of everything counted as the benchmark's own.
 */
export function sharedCoresUsage(
  cpus: readonly number[],
  before: Map<number, CoreTicks>,
  after: Map<number, CoreTicks>,
  ownSeconds: number,
  ticksPerSecond: number,
): SharedCoresUsage | null {
  const sum = (cores: Map<number, CoreTicks>): CoreTicks | null => {
    const out = { busy: 0, steal: 0, idle: 0 }
    for (const cpu of cpus) {
      const core = cores.get(cpu)
      if (!core) return null
      out.busy += core.busy
      out.steal += core.steal
      out.idle += core.idle
    }
    return out
  }
  const merged = (ticks: CoreTicks | null) => new Map(ticks ? [[0, ticks]] : [])

  const usage = coreUsage(
    0,
    merged(sum(before)),
    merged(sum(after)),
    ownSeconds,
    ticksPerSecond,
  )
  if (!usage || cpus.length === 0) return null
  const { cpu: _cpu, ...shares } = usage
  return { cpus: [...cpus], ...shares }
}
