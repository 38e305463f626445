import { describe, expect, it } from 'vitest'
import type { ConnectOptions, Driver, DriverClient } from './driver.js'
import { nodeForClient, RoutedDriver } from './routed-driver.js'

/** A driver that records which clients reached it. */
function recordingDriver(name: string, seen: number[]): Driver {
  return {
    name,
    connect: async (options: ConnectOptions) => {
      seen.push(options.client ?? -1)
      return {} as DriverClient
    },
  }
}

function options(client?: number): ConnectOptions {
  return {
    user: `u${client ?? 'x'}`,
    localAddress: undefined,
    ...(client === undefined ? {} : { client }),
    onDelivery: () => {},
    onError: () => {},
    onClose: () => {},
  }
}

describe('nodeForClient', () => {
  it('alternates clients between two nodes', () => {
    expect([0, 1, 2, 3, 4].map((i) => nodeForClient(i, 2))).toEqual([
      0, 1, 0, 1, 0,
    ])
  })

  it('puts members of a room of ten on both nodes', () => {
    const room = Array.from({ length: 10 }, (_, slot) => 30 + slot)
    const nodes = new Set(room.map((client) => nodeForClient(client, 2)))
    expect([...nodes].sort()).toEqual([0, 1])
  })

  it('sends everyone to the only node of one', () => {
    expect(nodeForClient(7, 1)).toBe(0)
  })

  it('refuses no nodes and negative positions', () => {
    expect(() => nodeForClient(0, 0)).toThrow(RangeError)
    expect(() => nodeForClient(-1, 2)).toThrow(RangeError)
  })
})

describe('RoutedDriver', () => {
  it('connects each client to the node its position picks', async () => {
    const a: number[] = []
    const b: number[] = []
    const driver = new RoutedDriver([
      recordingDriver('x', a),
      recordingDriver('x', b),
    ])
    for (const client of [0, 1, 2, 3, 5]) await driver.connect(options(client))
    expect(a).toEqual([0, 2])
    expect(b).toEqual([1, 3, 5])
  })

  it('takes turns for clients without a position', async () => {
    const a: number[] = []
    const b: number[] = []
    const driver = new RoutedDriver([
      recordingDriver('x', a),
      recordingDriver('x', b),
    ])
    for (let i = 0; i < 3; i++) await driver.connect(options())
    expect([a.length, b.length]).toEqual([2, 1])
  })

  it('is named after its nodes protocol', () => {
    expect(new RoutedDriver([recordingDriver('socketio', [])]).name).toBe(
      'socketio',
    )
  })
})
