import { describe, expect, it } from 'vitest'
import { nodeFigures } from './node-figures.js'

describe('nodeFigures', () => {
  const nodes = [
    { pid: 11, url: 'http://127.0.0.1:1', cpus: '0' },
    { pid: 12, url: 'http://127.0.0.1:2', cpus: undefined },
  ]

  it('keeps each node its own memory and window CPU', () => {
    const figures = nodeFigures(
      nodes,
      {
        rssBeforeKb: [100, 200],
        rssConnectedKb: [150, 260],
        rssAfterKb: [160, 270],
      },
      [10, 20],
      [25, 26],
      30,
    )
    expect(figures).toEqual([
      {
        pid: 11,
        url: 'http://127.0.0.1:1',
        cpus: '0',
        rssBeforeKb: 100,
        rssConnectedKb: 150,
        rssAfterKb: 160,
        cpuSeconds: 15,
        cpuPercent: 50,
      },
      {
        pid: 12,
        url: 'http://127.0.0.1:2',
        cpus: null,
        rssBeforeKb: 200,
        rssConnectedKb: 260,
        rssAfterKb: 270,
        cpuSeconds: 6,
        cpuPercent: 20,
      },
    ])
  })
})
