import {
  idleCapacity,
  idleCapacityPresets,
  idleCapacityTiming,
} from './idle-capacity.js'
import { largeRoom, largeRoomPresets, largeRoomTiming } from './large-room.js'
import type { Scenario } from './scenario.js'
import { smallRooms, type SmallRoomsOptions } from './small-rooms.js'
import { twoNodes } from './two-nodes.js'

export const scenarioNames = [
  'idle-capacity',
  'small-rooms',
  'rate-sweep',
  'large-room',
  'reconnect-storm',
  'two-nodes',
  'durable-path',
] as const
export type ScenarioName = (typeof scenarioNames)[number]

/** Publishers in the large room: enough that no one sender dominates. */
const largeRoomPublishers = 10

/**
 * Every run a selection makes, in order. Each one runs against every
 * chosen server before the next starts. The small-rooms flags (--rate,
 * --clients, ...) shape small-rooms and two-nodes; the other scenarios
 * take their sizes from the preset. The reconnect storm has its own runner
 * and is not among these, nor is the rate sweep (a run per step, see
 * rate-sweep.ts) or the durable path (Algochat only, its own runner and
 * preset, see durable-path.ts).
 */
export function scenarioRuns(
  names: readonly ScenarioName[],
  preset: 'quick' | 'full',
  small: SmallRoomsOptions,
): Scenario[] {
  const runs: Scenario[] = []
  for (const name of names) {
    if (name === 'small-rooms') runs.push(smallRooms(small))
    if (name === 'two-nodes') runs.push(twoNodes(small))

    if (name === 'idle-capacity') {
      for (const clients of idleCapacityPresets[preset].clients) {
        runs.push(
          idleCapacity({
            clients,
            groupSize: 10,
            payloadBytes: small.payloadBytes,
            connectBatch: small.connectBatch,
            ...idleCapacityTiming[preset],
          }),
        )
      }
    }

    if (name === 'large-room') {
      const { members, rates } = largeRoomPresets[preset]
      for (const size of members) {
        for (const roomRate of rates) {
          runs.push(
            largeRoom({
              members: size,
              roomRate,
              publishers: largeRoomPublishers,
              payloadBytes: small.payloadBytes,
              connectBatch: small.connectBatch,
              ...largeRoomTiming[preset],
            }),
          )
        }
      }
    }
  }
  return runs
}

/** `all`, one name, or a comma-separated list, in catalogue order. */
export function parseScenarios(raw: string): ScenarioName[] {
  if (raw === 'all') return [...scenarioNames]
  const names = raw.split(',').map((name) => name.trim())
  for (const name of names) {
    if (!(scenarioNames as readonly string[]).includes(name)) {
      throw new Error(
        `unknown scenario "${name}"; try ${scenarioNames.join(', ')} or all`,
      )
    }
  }
  return scenarioNames.filter((name) => names.includes(name))
}
