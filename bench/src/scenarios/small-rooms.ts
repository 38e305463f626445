import type { RoomSpec } from '../targets/target.js'
import type { ClientPlan, Scenario } from './scenario.js'

export interface SmallRoomsOptions {
  clients: number
  roomSize: number
  /** Messages per second per client. */
  rate: number
  payloadBytes: number
  warmupSeconds: number
  durationSeconds: number
  drainSeconds: number
  connectBatch: number
}

/**
 * Both presets offer 1,000 messages and 10,000 deliveries per second,
 * which a single embedded node handles with headroom on one core, so
 * latency is measured below saturation; they differ in connection count
 * only. Raise --rate to find the saturation point.
 */
export const smallRoomsPresets = {
  quick: {
    clients: 2_000,
    roomSize: 10,
    rate: 0.5,
    payloadBytes: 100,
    warmupSeconds: 3,
    durationSeconds: 10,
    drainSeconds: 10,
    connectBatch: 100,
  },
  full: {
    clients: 10_000,
    roomSize: 10,
    rate: 0.1,
    payloadBytes: 100,
    warmupSeconds: 10,
    durationSeconds: 60,
    drainSeconds: 20,
    connectBatch: 200,
  },
} satisfies Record<string, SmallRoomsOptions>

/**
 * Many clients in many small rooms, every client publishing to its own
 * room: the shape of a site with lots of small conversations. Each
 * message fans out to `roomSize` sockets, the sender's included.
 */
export function smallRooms(options: SmallRoomsOptions): Scenario {
  const { clients: count, roomSize } = options
  if (!Number.isInteger(roomSize) || roomSize < 1) {
    throw new RangeError('room size must be a positive integer')
  }
  if (!Number.isInteger(count) || count < roomSize || count % roomSize) {
    throw new RangeError('clients must be a positive multiple of room size')
  }

  const roomCount = count / roomSize
  const rooms: RoomSpec[] = []
  const clients: ClientPlan[] = []
  for (let room = 0; room < roomCount; room++) {
    const members: string[] = []
    for (let slot = 0; slot < roomSize; slot++) {
      const user = `u${room * roomSize + slot}`
      members.push(user)
      const membership = { room, slot }
      clients.push({ user, memberships: [membership], publishTo: membership })
    }
    rooms.push({ id: `r${room}`, members })
  }

  return {
    name: 'small-rooms',
    description: `${count} clients in ${roomCount} rooms of ${roomSize}, ${options.rate} msg/s each`,
    layout: { rooms },
    clients,
    ratePerPublisher: options.rate,
    payloadBytes: options.payloadBytes,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    drainSeconds: options.drainSeconds,
    connectBatch: options.connectBatch,
  }
}
