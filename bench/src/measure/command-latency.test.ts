import { describe, expect, it } from 'vitest'
import { CommandLatency } from './command-latency.js'

describe('CommandLatency', () => {
  it('measures send to accepted and send to ack per clientId', () => {
    const commands = new CommandLatency()
    commands.openWindow(0)
    commands.sent('a', 10)
    commands.sent('b', 11)
    commands.acceptedAt('b', 13)
    commands.acceptedAt('a', 15)
    commands.ackedAt('a', 30)

    expect(commands.accepted.count).toBe(2)
    expect(commands.accepted.summary().min).toBe(2_000)
    expect(commands.accepted.summary().max).toBe(5_000)
    expect(commands.acked.summary().max).toBe(20_000)
    expect(commands.counts()).toMatchObject({
      sent: 2,
      accepted: 2,
      acked: 1,
      missingAccepted: 0,
      missingAck: 1,
    })
    expect(commands.inFlight).toBe(1)
  })

  it('times only commands sent inside the window but counts them all', () => {
    const commands = new CommandLatency()
    commands.sent('early', 1)
    commands.openWindow(5)
    commands.sent('inside', 6)
    commands.closeWindow(8)
    commands.sent('late', 9)
    for (const id of ['early', 'inside', 'late']) commands.ackedAt(id, 20)

    expect(commands.acked.count).toBe(1)
    expect(commands.acked.summary().max).toBe(14_000)
    expect(commands.counts().acked).toBe(3)
  })

  it('settles refused commands and counts replies it cannot match', () => {
    const commands = new CommandLatency()
    commands.sent('a', 1)
    commands.sent('b', 1)
    commands.rejected('a', 'log_unavailable')
    commands.ackedAt('b', 2)
    commands.ackedAt('b', 3)
    commands.acceptedAt('nobody', 3)

    expect(commands.counts()).toEqual({
      sent: 2,
      accepted: 0,
      acked: 1,
      rejected: { log_unavailable: 1 },
      missingAccepted: 1,
      missingAck: 0,
      unmatched: 2,
    })
  })
})
