import { describe, expect, it } from 'vitest'
import { engineCpuPercent } from './engine-cpu.js'

describe('engineCpuPercent', () => {
  it('sums an engine over its processes, counting new ones in full', () => {
    const before = {
      postgres: new Map([
        [10, 1.0],
        [11, 2.0],
      ]),
      kafka: new Map([[20, 50.0]]),
    }
    const after = {
      postgres: new Map([
        [10, 1.5],
        [11, 3.0],
        [12, 0.5],
      ]),
      kafka: new Map([[20, 54.0]]),
    }
    expect(engineCpuPercent(before, after, 10)).toEqual({
      postgres: 20,
      kafka: 40,
    })
  })

  it('leaves out an engine missing from the first reading', () => {
    const after = { redis: new Map([[30, 9.0]]) }
    expect(engineCpuPercent({}, after, 10)).toEqual({})
  })
})
