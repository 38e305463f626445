import { describe, expect, it } from 'vitest'
import { summedMemory, total } from './node-totals.js'

describe('node totals', () => {
  it('adds up every node', () => {
    expect(total([1.5, 2, 3])).toBe(6.5)
    expect(total([])).toBe(0)
  })

  it('sums each memory reading over the nodes', () => {
    expect(
      summedMemory({
        rssBeforeKb: [100, 200],
        rssConnectedKb: [150, 260],
        rssAfterKb: [160, 270],
      }),
    ).toEqual({ rssBeforeKb: 300, rssConnectedKb: 410, rssAfterKb: 430 })
  })
})
