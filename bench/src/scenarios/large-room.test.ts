import { describe, expect, it } from 'vitest'
import { largeRoom } from './large-room.js'

const timing = {
  payloadBytes: 100,
  warmupSeconds: 1,
  durationSeconds: 1,
  drainSeconds: 1,
  connectBatch: 10,
}

describe('largeRoom', () => {
  it('puts everyone in one room and splits the room rate over the publishers', () => {
    const scenario = largeRoom({
      members: 100,
      roomRate: 10,
      publishers: 4,
      ...timing,
    })
    expect(scenario.layout.rooms).toHaveLength(1)
    expect(scenario.layout.rooms[0]!.members).toHaveLength(100)
    expect(scenario.clients.filter((c) => c.publishTo)).toHaveLength(4)
    expect(scenario.ratePerPublisher).toBe(2.5)
  })

  it('refuses more publishers than members', () => {
    expect(() =>
      largeRoom({ members: 3, roomRate: 1, publishers: 4, ...timing }),
    ).toThrow(RangeError)
  })
})
