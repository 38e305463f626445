import { readFileSync } from 'node:fs'
import { cpus, release, totalmem } from 'node:os'

export interface MachineInfo {
  nproc: number
  cpuModel: string
  memoryGb: number
  kernel: string
  node: string
}

/** The `model name` of the first CPU in /proc/cpuinfo text. */
export function parseCpuModel(cpuinfo: string): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)
  return match ? match[1]!.trim() : 'unknown'
}

export function machineInfo(): MachineInfo {
  let cpuModel = 'unknown'
  try {
    cpuModel = parseCpuModel(readFileSync('/proc/cpuinfo', 'utf8'))
  } catch {
    // Not Linux: the model stays unknown; nothing else depends on it.
  }
  return {
    // Every CPU of the machine: availableParallelism() would count only
    // the one this (pinned) process may run on.
    nproc: cpus().length,
    cpuModel,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
  }
}
