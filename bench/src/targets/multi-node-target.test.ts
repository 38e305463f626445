import { describe, expect, it } from 'vitest'
import {
  mergeLogSummaries,
  MultiNodeTarget,
  nodeFile,
  nodeLabel,
  sumCounters,
} from './multi-node-target.js'

describe('sumCounters', () => {
  it('adds each counter over the nodes', () => {
    expect(
      sumCounters([
        { accepted: 10, delivered: 100 },
        { accepted: 5, delivered: 50 },
      ]),
    ).toEqual({ accepted: 15, delivered: 150 })
  })

  it('leaves out a counter some node did not report', () => {
    expect(sumCounters([{ accepted: 10, errors: 1 }, { accepted: 5 }])).toEqual(
      { accepted: 15 },
    )
    expect(sumCounters([{ accepted: 10 }, {}])).toEqual({})
    expect(sumCounters([])).toEqual({})
  })
})

describe('mergeLogSummaries', () => {
  it('adds up lines, warnings and errors and keeps both files', () => {
    const merged = mergeLogSummaries([
      { file: 'a.log', lines: 10, warnings: 1, errors: 0, samples: ['w1'] },
      null,
      { file: 'b.log', lines: 20, warnings: 0, errors: 2, samples: ['e1'] },
    ])
    expect(merged).toEqual({
      file: 'a.log, b.log',
      lines: 30,
      warnings: 1,
      errors: 2,
      samples: ['w1', 'e1'],
    })
  })

  it('is null when no node captured its output', () => {
    expect(mergeLogSummaries([null, null])).toBeNull()
  })
})

describe('node names', () => {
  it('labels nodes a, b, ... and gives each its own log file', () => {
    expect([0, 1, 2].map(nodeLabel)).toEqual(['a', 'b', 'c'])
    expect(nodeFile('/r/raw/server.log', 1)).toBe('/r/raw/server-b.log')
    expect(nodeFile('/r.d/server', 0)).toBe('/r.d/server-a')
  })
})

describe('MultiNodeTarget', () => {
  it('needs at least two nodes', () => {
    const prepare = () => Promise.reject(new Error('not used'))
    expect(() => new MultiNodeTarget('x', 1, prepare)).toThrow(RangeError)
  })
})
