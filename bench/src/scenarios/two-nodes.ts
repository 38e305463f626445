import type { Scenario } from './scenario.js'
import { smallRooms, type SmallRoomsOptions } from './small-rooms.js'

/** Server processes in the two-node scenario. */
export const twoNodeCount = 2

/**
 * The small-rooms workload on a server run as two nodes that fan out
 * to each other (through Redis for every server here). Client i goes to
 * node i mod 2 and a room's members are consecutive clients, so every
 * room has members on both nodes and most deliveries cross between
 * them: the cost of the second node, not its capacity.
 */
export function twoNodes(options: SmallRoomsOptions): Scenario {
  const scenario = smallRooms(options)
  return {
    ...scenario,
    name: 'two-nodes',
    description: `${scenario.description}, clients split over ${twoNodeCount} nodes`,
    nodes: twoNodeCount,
  }
}
