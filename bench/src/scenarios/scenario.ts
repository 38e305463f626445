import type { RoomLayout } from '../targets/target.js'

/**
 * A workload, independent of any server: which rooms exist, which
 * clients join which rooms, who publishes where and how fast, and how
 * long each phase lasts. The runner turns it into driver calls.
 */
export interface Scenario {
  name: string
  /** One line for reports, e.g. '2000 clients in 200 rooms of 10'. */
  description: string
  layout: RoomLayout
  clients: ClientPlan[]
  /** Messages per second each publishing client sends. */
  ratePerPublisher: number
  /** Size of each message's text, bytes. */
  payloadBytes: number
  /** Publishing before measurement starts, so caches and JIT settle. */
  warmupSeconds: number
  /** Length of the measured window. */
  durationSeconds: number
  /** Longest wait for in-flight messages after publishing stops. */
  drainSeconds: number
  /** Clients connecting at once while ramping up. */
  connectBatch: number
  /**
   * Server processes to run, sharing the clients; each target starts
   * that many nodes of itself. @default 1
   */
  nodes?: number
}

export interface ClientPlan {
  user: string
  /** Rooms the client joins: index into layout.rooms and its slot there. */
  memberships: Membership[]
  /** The membership the client publishes to; none for listeners. */
  publishTo: Membership | undefined
}

export interface Membership {
  room: number
  /** Position of the client in the room's member list. */
  slot: number
}
