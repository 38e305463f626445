import { describe, expect, it } from 'vitest'
import { idleCapacity } from './idle-capacity.js'

describe('idleCapacity', () => {
  it('gives every client a personal room and a shared one', () => {
    const scenario = idleCapacity({
      clients: 20,
      groupSize: 10,
      ratePerClient: 0.01,
      payloadBytes: 100,
      warmupSeconds: 1,
      durationSeconds: 1,
      drainSeconds: 1,
      connectBatch: 10,
    })
    const { rooms } = scenario.layout
    expect(rooms).toHaveLength(22)

    for (const client of scenario.clients) {
      const [personal, shared] = client.memberships
      expect(rooms[personal!.room]!.members).toEqual([client.user])
      expect(rooms[shared!.room]!.members).toHaveLength(10)
      expect(rooms[shared!.room]!.members[shared!.slot]).toBe(client.user)
      expect(client.publishTo).toEqual(shared)
    }
  })
})
