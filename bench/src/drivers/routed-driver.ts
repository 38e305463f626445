import type { ConnectOptions, Driver, DriverClient } from './driver.js'

/**
 * Client i goes to node i mod n. Scenarios number a room's members
 * consecutively, so every room of two or more has members on more than
 * one node and most deliveries cross between nodes.
 */
export function nodeForClient(client: number, nodes: number): number {
  if (!Number.isInteger(nodes) || nodes < 1) {
    throw new RangeError('nodes must be a positive integer')
  }
  if (!Number.isInteger(client) || client < 0) {
    throw new RangeError('client must be a non-negative integer')
  }
  return client % nodes
}

/**
 * One driver per node of the same server, seen by the runner as one
 * driver: each client connects to the node its position picks. A client
 * connected without a position takes the next node in turn.
 */
export class RoutedDriver implements Driver {
  readonly name: string
  readonly #drivers: readonly Driver[]
  #unplaced = 0

  constructor(drivers: readonly Driver[]) {
    const [first] = drivers
    if (!first) throw new RangeError('a routed driver needs a node')
    this.name = first.name
    this.#drivers = drivers
  }

  connect(options: ConnectOptions): Promise<DriverClient> {
    const client = options.client ?? this.#unplaced++
    const node = nodeForClient(client, this.#drivers.length)
    return this.#drivers[node]!.connect(options)
  }
}
