import { describe, expect, it } from 'vitest'
import { smallRooms, smallRoomsPresets } from './small-rooms.js'

describe('smallRooms', () => {
  it('puts every client in exactly one room, publishing to it', () => {
    const scenario = smallRooms({
      ...smallRoomsPresets.quick,
      clients: 30,
      roomSize: 10,
    })
    expect(scenario.layout.rooms).toHaveLength(3)
    expect(scenario.clients).toHaveLength(30)

    const users = new Set(scenario.layout.rooms.flatMap((r) => r.members))
    expect(users.size).toBe(30)
    for (const client of scenario.clients) {
      const [membership] = client.memberships
      expect(client.publishTo).toEqual(membership)
      const room = scenario.layout.rooms[membership!.room]!
      expect(room.members[membership!.slot]).toBe(client.user)
    }
  })

  it('sizes the presets as documented', () => {
    const quick = smallRooms(smallRoomsPresets.quick)
    const full = smallRooms(smallRoomsPresets.full)
    expect([quick.clients.length, quick.layout.rooms.length]).toEqual([
      2_000, 200,
    ])
    expect([full.clients.length, full.layout.rooms.length]).toEqual([
      10_000, 1_000,
    ])
  })

  it('refuses client counts that do not fill whole rooms', () => {
    expect(() =>
      smallRooms({ ...smallRoomsPresets.quick, clients: 25, roomSize: 10 }),
    ).toThrow(RangeError)
  })
})
