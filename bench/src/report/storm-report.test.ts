import { describe, expect, it } from 'vitest'
import { stormPhases, type StormResult } from '../scenarios/reconnect-storm.js'
import { stormReport } from './storm-report.js'

const stormOptions = {
  ...stormPhases.quick,
  clients: 2_000,
  roomSize: 10,
  rate: 0.5,
  connectBatch: 100,
}

const result: StormResult = {
  server: 'algochat',
  version: '@algochat/server@0.1.0',
  clients: 200,
  sent: 1_700,
  expected: 17_000,
  received: 17_000,
  recovered: 900,
  lost: 0,
  duplicates: 0,
  churned: 1_000,
  churnFailed: 1,
  reconnected: 200,
  failed: 0,
  reconnectSeconds: 10.1,
  othersOnServerCorePercent: 3,
}

describe('stormReport', () => {
  it('puts the figures beside the setup they were taken with', () => {
    const machine = {
      nproc: 2,
      cpuModel: 'test',
      memoryGb: 1,
      kernel: '6',
      node: 'v20',
    }
    const report = stormReport(
      {
        ...result,
        setup: {
          startedAt: '2026-12-03T20:00:00.000Z',
          options: stormOptions,
          revision: { commit: 'abc', serverDirty: false },
          pinning: { server: '0', harness: '1' },
        },
      },
      'bench --scenario reconnect-storm',
      machine,
    )

    expect(report).toEqual({
      format: 1,
      scenario: 'reconnect-storm',
      startedAt: '2026-12-03T20:00:00.000Z',
      command: 'bench --scenario reconnect-storm',
      target: {
        name: 'algochat',
        version: '@algochat/server@0.1.0',
        revision: { commit: 'abc', serverDirty: false },
      },
      machine,
      pinning: { server: '0', harness: '1' },
      options: stormOptions,
      result,
    })
  })
})
