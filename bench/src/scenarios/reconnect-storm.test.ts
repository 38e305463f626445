import { describe, expect, it } from 'vitest'
import { stormTable, type StormResult } from './reconnect-storm.js'

const result: StormResult = {
  server: 'socketio',
  version: 'socket.io@4.8.1',
  clients: 2_000,
  sent: 17_000,
  expected: 170_000,
  received: 160_640,
  recovered: 0,
  lost: 9_360,
  duplicates: 0,
  churned: 1_000,
  churnFailed: 1,
  reconnected: 2_000,
  failed: 0,
  reconnectSeconds: 10,
  othersOnServerCorePercent: 12.4,
}

describe('stormTable', () => {
  it('prints a row per server with grouped figures', () => {
    const lines = stormTable([result]).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]!.split('|')).toHaveLength(lines[1]!.split('|').length)
    expect(lines[2]).toBe(
      '| socketio | 2,000 | 1,000 | 1 | 10 | 0 | 17,000 | 170,000 | 160,640 | 0 | 9,360 | 0 | 12% |',
    )
  })
})
