import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/**
 * Resource use of another process, read from Linux's /proc: resident
 * memory from /proc/PID/status and CPU time from /proc/PID/stat. The
 * parsers take the file text so they can be tested on samples.
 */
export interface CpuTicks {
  /** Clock ticks spent in user mode. */
  user: number
  /** Clock ticks spent in the kernel on the process's behalf. */
  system: number
}

/** The VmRSS line of /proc/PID/status, in kB. */
export function parseVmRssKb(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB\s*$/m.exec(status)
  if (!match) throw new Error('no VmRSS line in /proc status text')
  return Number(match[1])
}

/**
 * utime and stime (fields 14 and 15) of /proc/PID/stat. The command
 * name in field 2 is in parentheses and may itself contain spaces and
 * parentheses, so fields are counted from the last closing parenthesis.
 */
export function parseStatCpuTicks(stat: string): CpuTicks {
  const end = stat.lastIndexOf(')')
  if (end < 0) throw new Error('malformed /proc stat text')
  // After the name: field 3 (state) is index 0, so field n is n - 3.
  const fields = stat
    .slice(end + 1)
    .trim()
    .split(/\s+/)
  const user = Number(fields[14 - 3])
  const system = Number(fields[15 - 3])
  if (!Number.isFinite(user) || !Number.isFinite(system)) {
    throw new Error('malformed /proc stat text')
  }
  return { user, system }
}

/**
 * Bytes the process caused to be written to storage (the write_bytes
 * line of /proc/PID/io): page-cache writeback included, so it counts
 * what reached the disk, not what was handed to write().
 */
export function parseWriteBytes(io: string): number {
  const match = /^write_bytes:\s+(\d+)\s*$/m.exec(io)
  if (!match) throw new Error('no write_bytes line in /proc io text')
  return Number(match[1])
}

/** Time one CPU spent, in clock ticks, from a cpuN line of /proc/stat. */
export interface CoreTicks {
  /** Running anything: user, nice, system, irq, softirq. */
  busy: number
  /** Taken by the hypervisor for other guests. */
  steal: number
  /** Idle or waiting for I/O. */
  idle: number
}

/**
 * The per-CPU lines of /proc/stat (`cpu0 user nice system idle iowait
 * irq softirq steal ...`), indexed by CPU number. Guest time is already
 * part of user time and is not added again.
 */
export function parseCoreTicks(stat: string): Map<number, CoreTicks> {
  const cores = new Map<number, CoreTicks>()
  for (const line of stat.split('\n')) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line)
    if (!match) continue
    const [user, nice, system, idle, iowait, irq, softirq, steal] = match[2]!
      .trim()
      .split(/\s+/)
      .map(Number)
    cores.set(Number(match[1]), {
      busy:
        (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0),
      steal: steal ?? 0,
      idle: (idle ?? 0) + (iowait ?? 0),
    })
  }
  return cores
}

export function readCoreTicks(): Map<number, CoreTicks> {
  return parseCoreTicks(readFileSync('/proc/stat', 'utf8'))
}

let ticksPerSecond: number | undefined

/** The kernel's USER_HZ; 100 on nearly every Linux system. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      const value = Number(
        execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(),
      )
      ticksPerSecond = Number.isInteger(value) && value > 0 ? value : 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

export function readRssKb(pid: number): number {
  return parseVmRssKb(readFileSync(`/proc/${pid}/status`, 'utf8'))
}

/** Storage writes of `pid` so far; 0 where /proc/PID/io is unreadable. */
export function readWriteBytes(pid: number): number {
  try {
    return parseWriteBytes(readFileSync(`/proc/${pid}/io`, 'utf8'))
  } catch {
    return 0
  }
}

/** User plus system CPU time of `pid` so far, in seconds. */
export function readCpuSeconds(pid: number): number {
  const ticks = parseStatCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  return (ticks.user + ticks.system) / clockTicksPerSecond()
}
