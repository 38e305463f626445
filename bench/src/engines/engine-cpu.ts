import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readCpuSeconds } from '../measure/proc-stats.js'

/** Where engines.sh keeps each engine's pid, under .engines/. */
const pidFiles = {
  postgres: 'postgres/data/postmaster.pid',
  redis: 'redis/redis.pid',
  kafka: 'kafka/kafka.pid',
  ferretdb: 'ferretdb/ferretdb.pid',
} as const
export type EngineName = keyof typeof pidFiles

/** CPU seconds so far of each process of each engine, by pid. */
export type EngineCpuReading = Record<string, Map<number, number>>

/** The engines' main pids from their pid files; unreadable ones left out. */
export function enginePids(root: string): Partial<Record<EngineName, number>> {
  const pids: Partial<Record<EngineName, number>> = {}
  for (const [name, file] of Object.entries(pidFiles)) {
    try {
      const first = readFileSync(join(root, '.engines', file), 'utf8')
      const pid = Number(first.split('\n')[0]?.trim())
      if (Number.isInteger(pid) && pid > 0) pids[name as EngineName] = pid
    } catch {
      // An engine without a pid file is not measured; the run goes on.
    }
  }
  return pids
}

/**
 * CPU time of every engine process: the main pid and its children, since
 * PostgreSQL does its work in one backend process per connection.
 */
export function readEngineCpu(
  pids: Partial<Record<EngineName, number>>,
): EngineCpuReading {
  const reading: EngineCpuReading = {}
  for (const [name, pid] of Object.entries(pids)) {
    const seconds = new Map<number, number>()
    for (const member of [pid, ...childrenOf(pid)]) {
      try {
        seconds.set(member, readCpuSeconds(member))
      } catch {
        // Exited between listing and reading.
      }
    }
    reading[name] = seconds
  }
  return reading
}

/**
 * Each engine's CPU between two readings as a share of one CPU, %.
 * Processes born in between count in full; those that exited in between
 * are missed, so a figure can only be low, never high.
 */
export function engineCpuPercent(
  before: EngineCpuReading,
  after: EngineCpuReading,
  seconds: number,
): Record<string, number> {
  const percent: Record<string, number> = {}
  for (const [name, now] of Object.entries(after)) {
    const then = before[name]
    if (!then || seconds <= 0) continue
    let used = 0
    for (const [pid, cpu] of now) used += cpu - (then.get(pid) ?? 0)
    percent[name] = Math.round((used / seconds) * 1_000) / 10
  }
  return percent
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map(Number)
      .filter((child) => Number.isInteger(child) && child > 0)
  } catch {
    // pgrep exits 1 when there are none.
    return []
  }
}
