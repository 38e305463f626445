/**
 * A server run as several processes is measured process by process and
 * reported as one: its memory, CPU time and writes are the sums.
 */
export function total(values: readonly number[]): number {
  let sum = 0
  for (const value of values) sum += value
  return sum
}

/** RSS of each node at the three moments the runner reads it, kB. */
export interface NodeMemory {
  rssBeforeKb: number[]
  rssConnectedKb: number[]
  rssAfterKb: number[]
}

/** The nodes' memory added up, as the report shows a server's. */
export function summedMemory(memory: NodeMemory): {
  rssBeforeKb: number
  rssConnectedKb: number
  rssAfterKb: number
} {
  return {
    rssBeforeKb: total(memory.rssBeforeKb),
    rssConnectedKb: total(memory.rssConnectedKb),
    rssAfterKb: total(memory.rssAfterKb),
  }
}
