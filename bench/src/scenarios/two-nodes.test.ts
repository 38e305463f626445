import { describe, expect, it } from 'vitest'
import { nodeForClient } from '../drivers/routed-driver.js'
import { smallRooms, smallRoomsPresets } from './small-rooms.js'
import { twoNodes } from './two-nodes.js'

describe('twoNodes', () => {
  const options = { ...smallRoomsPresets.quick, clients: 200 }

  it('runs the small-rooms workload on two nodes', () => {
    const scenario = twoNodes(options)
    const small = smallRooms(options)
    expect(scenario.name).toBe('two-nodes')
    expect(scenario.nodes).toBe(2)
    expect(scenario.layout).toEqual(small.layout)
    expect(scenario.clients).toEqual(small.clients)
    expect(scenario.ratePerPublisher).toBe(small.ratePerPublisher)
    expect(scenario.description).toMatch(/^200 clients in 20 rooms of 10/)
  })

  it('gives every room members on both nodes', () => {
    const scenario = twoNodes(options)
    const nodesOfRoom = scenario.layout.rooms.map(() => new Set<number>())
    scenario.clients.forEach((plan, index) => {
      for (const { room } of plan.memberships) {
        nodesOfRoom[room]!.add(nodeForClient(index, scenario.nodes ?? 1))
      }
    })
    expect(nodesOfRoom.every((nodes) => nodes.size === 2)).toBe(true)
  })
})
