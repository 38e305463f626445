import type { ClientPlan, Scenario } from './scenario.js'

export interface LargeRoomOptions {
  members: number
  /** Messages per second into the room, over all its publishers. */
  roomRate: number
  /** Members that publish; the rest only listen. */
  publishers: number
  payloadBytes: number
  warmupSeconds: number
  durationSeconds: number
  drainSeconds: number
  connectBatch: number
}

/** Sizes and rates per preset; every pair is one run. */
export const largeRoomPresets = {
  quick: { members: [1_000], rates: [10] },
  full: { members: [1_000, 5_000, 10_000], rates: [1, 10, 50] },
} satisfies Record<string, { members: number[]; rates: number[] }>

export const largeRoomTiming = {
  quick: { warmupSeconds: 2, durationSeconds: 10, drainSeconds: 5 },
  full: { warmupSeconds: 5, durationSeconds: 30, drainSeconds: 15 },
}

/**
 * One room everybody is in, a few members talking: a live event or a
 * big community channel. Each message fans out to every member, so the
 * deliveries per second are members x room rate.
 */
export function largeRoom(options: LargeRoomOptions): Scenario {
  const { members, publishers, roomRate } = options
  if (!Number.isInteger(members) || members < 1) {
    throw new RangeError('members must be a positive integer')
  }
  if (!Number.isInteger(publishers) || publishers < 1 || publishers > members) {
    throw new RangeError('publishers must be between 1 and members')
  }

  const users = Array.from({ length: members }, (_, slot) => `m${slot}`)
  const clients: ClientPlan[] = users.map((user, slot) => {
    const membership = { room: 0, slot }
    return {
      user,
      memberships: [membership],
      publishTo: slot < publishers ? membership : undefined,
    }
  })

  return {
    name: 'large-room',
    description: `1 room of ${members}, ${roomRate} msg/s from ${publishers} members`,
    layout: { rooms: [{ id: 'big', members: users }] },
    clients,
    ratePerPublisher: roomRate / publishers,
    payloadBytes: options.payloadBytes,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    drainSeconds: options.drainSeconds,
    connectBatch: options.connectBatch,
  }
}
