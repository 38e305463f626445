import type { ClientPlan, Membership, Scenario } from './scenario.js'
import type { RoomSpec } from '../targets/target.js'

export interface IdleCapacityOptions {
  clients: number
  /** Members of each shared room. @default 10 */
  groupSize: number
  /** A trickle, so the run also shows the connections still work. */
  ratePerClient: number
  payloadBytes: number
  warmupSeconds: number
  durationSeconds: number
  drainSeconds: number
  connectBatch: number
}

export const idleCapacityPresets = {
  quick: { clients: [2_000] },
  full: { clients: [10_000, 25_000, 50_000] },
} satisfies Record<string, { clients: number[] }>

/** The trickle runs only to show the connections are alive. */
export const idleCapacityTiming = {
  quick: {
    warmupSeconds: 1,
    durationSeconds: 5,
    drainSeconds: 5,
    ratePerClient: 0.01,
  },
  full: {
    warmupSeconds: 2,
    durationSeconds: 10,
    drainSeconds: 10,
    ratePerClient: 0.01,
  },
}

/**
 * What an idle connection costs: every client holds a personal room
 * (notifications, direct messages) and one shared room of `groupSize`,
 * the usual shape of a signed-in user. Memory is read once all are
 * subscribed, before any traffic; a trickle of messages in the shared
 * rooms afterwards checks the connections are alive.
 */
export function idleCapacity(options: IdleCapacityOptions): Scenario {
  const { clients: count, groupSize } = options
  if (!Number.isInteger(count) || count < groupSize || count % groupSize) {
    throw new RangeError('clients must be a positive multiple of group size')
  }

  const groups = count / groupSize
  const rooms: RoomSpec[] = []
  for (let group = 0; group < groups; group++) {
    const members = Array.from(
      { length: groupSize },
      (_, slot) => `i${group * groupSize + slot}`,
    )
    rooms.push({ id: `g${group}`, members })
  }

  const clients: ClientPlan[] = []
  for (let index = 0; index < count; index++) {
    const user = `i${index}`
    const shared: Membership = {
      room: Math.floor(index / groupSize),
      slot: index % groupSize,
    }
    const personal: Membership = { room: rooms.length, slot: 0 }
    rooms.push({ id: `p${index}`, members: [user] })
    clients.push({ user, memberships: [personal, shared], publishTo: shared })
  }

  return {
    name: 'idle-capacity',
    description: `${count} clients, each in a personal room and a room of ${groupSize}`,
    layout: { rooms },
    clients,
    ratePerPublisher: options.ratePerClient,
    payloadBytes: options.payloadBytes,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    drainSeconds: options.drainSeconds,
    connectBatch: options.connectBatch,
  }
}
