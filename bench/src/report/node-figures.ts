import type { NodeMemory } from '../measure/node-totals.js'
import type { ServerNode } from '../targets/target.js'

/** One process of a server run as several nodes. */
export interface NodeFigures {
  pid: number
  url: string
  /** CPU list it was pinned to; null when it ran free. */
  cpus: string | null
  rssBeforeKb: number
  rssConnectedKb: number
  rssAfterKb: number
  /** CPU time it used during the window, s. */
  cpuSeconds: number
  /** Share of one core during the window, %. */
  cpuPercent: number
}

/**
 * Each node's memory at the three readings and its CPU over the window,
 * from readings taken node by node in the order of `nodes`.
 */
export function nodeFigures(
  nodes: readonly ServerNode[],
  memory: NodeMemory,
  cpuAtStart: readonly number[],
  cpuAtEnd: readonly number[],
  windowSeconds: number,
): NodeFigures[] {
  return nodes.map((node, i) => {
    const cpuSeconds = (cpuAtEnd[i] ?? 0) - (cpuAtStart[i] ?? 0)
    return {
      pid: node.pid,
      url: node.url,
      cpus: node.cpus ?? null,
      rssBeforeKb: memory.rssBeforeKb[i] ?? 0,
      rssConnectedKb: memory.rssConnectedKb[i] ?? 0,
      rssAfterKb: memory.rssAfterKb[i] ?? 0,
      cpuSeconds: round(cpuSeconds),
      cpuPercent:
        windowSeconds > 0 ? round((cpuSeconds / windowSeconds) * 100) : 0,
    }
  })
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
