import { describe, expect, it } from 'vitest'
import type { Connection } from './connection.js'
import { PendingAcks } from './pending-acks.js'

const open = { closed: false } as Connection
const gone = { closed: true } as Connection

describe('PendingAcks', () => {
  it('hands every waiter of a command to the ack, once', () => {
    const acks = new PendingAcks()
    acks.add('app|room', 'ann', 'c1', open, 'r1')
    acks.add('app|room', 'ann', 'c1', open, 'r2')

    expect(acks.take('app|room', 'ann', 'c1').map((w) => w.ref)).toEqual([
      'r1',
      'r2',
    ])
    expect(acks.take('app|room', 'ann', 'c1')).toEqual([])
    expect(acks.hasRoom('app|room')).toBe(false)
  })

  it('keeps the room followed while any waiter is left', () => {
    const acks = new PendingAcks()
    acks.add('app|room', 'ann', 'c1', open, undefined)
    acks.add('app|room', 'bob', 'c2', open, undefined)
    acks.take('app|room', 'ann', 'c1')
    expect(acks.hasRoom('app|room')).toBe(true)
  })

  it('sweeps expired waiters and those of closed sockets', () => {
    const acks = new PendingAcks(1_000)
    acks.add('app|a', 'ann', 'c1', open, undefined)
    acks.add('app|b', 'ann', 'c2', gone, undefined)

    expect(acks.sweep(Date.now())).toEqual(['app|b'])
    expect(acks.sweep(Date.now() + 2_000)).toEqual(['app|a'])
    expect(acks.hasRoom('app|a')).toBe(false)
  })
})
