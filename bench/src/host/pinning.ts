import { execFileSync, spawnSync } from 'node:child_process'
import { cpus } from 'node:os'

export interface Pinning {
  /** CPU list for the server; undefined when pinning is off. */
  server: string | undefined
  /** CPU list the harness pinned itself to. */
  harness: string | undefined
  /** Why pinning is off, when it is. */
  reason: string | undefined
}

/**
 * Puts the server on core 0 and this process (all its threads) on core
 * 1, so the load generator never steals the server's CPU and the
 * server's CPU time is not diluted by ours. Needs taskset (util-linux)
 * and two cores; otherwise both run unpinned and the report says so.
 */
export function pinProcesses(enabled: boolean): Pinning {
  if (!enabled) return off('disabled with --no-pin')
  if (cpus().length < 2) return off('fewer than 2 CPUs')
  if (spawnSync('taskset', ['-V']).status !== 0) {
    return off('taskset not found')
  }

  try {
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], {
      stdio: 'ignore',
    })
  } catch {
    return off('taskset could not pin the harness')
  }
  return { server: '0', harness: '1', reason: undefined }
}

function off(reason: string): Pinning {
  return { server: undefined, harness: undefined, reason }
}
