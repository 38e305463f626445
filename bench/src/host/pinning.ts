import { execFileSync, spawnSync } from 'node:child_process'
import { cpus } from 'node:os'

export interface Pinning {
  /** CPU list for the server; undefined when pinning is off. */
  server: string | undefined
  /** CPU list the harness pinned itself to. */
  harness: string | undefined
  /** Why pinning is off, when it is. */
  reason: string | undefined
  /** What shares the server's CPUs, when the layout cannot avoid it. */
  shared?: string
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

/**
 * One CPU per node for a server run as several processes: node i on CPU
 * i. The load generator gets the CPUs left over; when the nodes take
 * them all it is allowed everywhere and shares the nodes' CPUs, as the
 * engines (which the harness does not start) always do. The report
 * carries that in `shared`.
 */
export function pinNodes(enabled: boolean, nodes: number): Pinning {
  if (!enabled) return off('disabled with --no-pin')
  const count = cpus().length
  if (count < nodes) return off(`fewer than ${nodes} CPUs`)
  if (spawnSync('taskset', ['-V']).status !== 0) {
    return off('taskset not found')
  }

  const server = Array.from({ length: nodes }, (_, cpu) => cpu).join(',')
  const rest = count > nodes ? `${nodes}-${count - 1}` : undefined
  try {
    // A scenario before this one may have pinned the harness to a CPU
    // that is now a node's.
    execFileSync(
      'taskset',
      ['-a', '-p', '-c', rest ?? `0-${count - 1}`, String(process.pid)],
      { stdio: 'ignore' },
    )
  } catch {
    return off('taskset could not place the harness')
  }
  return {
    server,
    harness: rest,
    reason: undefined,
    shared:
      rest === undefined
        ? `the harness and the engines run unpinned on CPUs ${server}, with the nodes`
        : `the engines run unpinned, on any CPU`,
  }
}
