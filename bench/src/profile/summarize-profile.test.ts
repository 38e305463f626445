import { describe, expect, it } from 'vitest'
import {
  moduleOf,
  summarizeProfile,
  type CpuProfile,
} from './summarize-profile.js'

const root = '/repo'

function frame(functionName: string, url = '', lineNumber = 0) {
  return { functionName, url, lineNumber, columnNumber: 0 }
}

// (root) -> handle -> [stringify, handle (recursive) -> stringify], idle.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    {
      id: 2,
      callFrame: frame('handle', 'file:///repo/packages/server/src/hub.ts', 9),
      children: [3, 4],
    },
    {
      id: 3,
      callFrame: frame(
        'stringify',
        'file:///repo/node_modules/.pnpm/ws@8/node_modules/ws/lib/sender.js',
        99,
      ),
    },
    {
      id: 4,
      callFrame: frame('handle', 'file:///repo/packages/server/src/hub.ts', 9),
      children: [6],
    },
    { id: 5, callFrame: frame('(idle)') },
    {
      id: 6,
      callFrame: frame(
        'stringify',
        'file:///repo/node_modules/.pnpm/ws@8/node_modules/ws/lib/sender.js',
        99,
      ),
    },
  ],
  // 2 ms in handle itself, 3 + 1 ms in stringify, 4 ms idle.
  samples: [2, 3, 3, 5, 2, 6, 5, 3, 5, 5],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
}

describe('summarizeProfile', () => {
  const summary = summarizeProfile(profile, 'p.cpuprofile', { root })

  it('separates idle time from busy time', () => {
    expect(summary.totalMs).toBe(10)
    expect(summary.idleMs).toBe(4)
  })

  it('ranks functions by self time with shares of busy time', () => {
    expect(summary.topSelf.map((e) => [e.function, e.selfMs])).toEqual([
      ['stringify', 4],
      ['handle', 2],
    ])
    expect(summary.topSelf[0]!.selfPercent).toBeCloseTo(66.7, 1)
    expect(summary.topSelf[0]!.location).toBe('ws/lib/sender.js:100')
  })

  it('counts a recursive function once per sample in inclusive time', () => {
    const handle = summary.topTotal.find((e) => e.function === 'handle')!
    expect(handle.totalMs).toBe(6)
    expect(handle.totalPercent).toBe(100)
    expect(handle.location).toBe('packages/server/src/hub.ts:10')
  })

  it('groups self time by package and source folder', () => {
    expect(summary.byModule).toEqual([
      { module: 'ws', selfMs: 4, percent: 66.7 },
      { module: 'packages/server/src/hub.ts', selfMs: 2, percent: 33.3 },
    ])
  })
})

describe('moduleOf', () => {
  it('names scoped packages and repo source areas', () => {
    expect(
      moduleOf('/r/node_modules/.pnpm/x/node_modules/@fastify/ws/i.js', '/r'),
    ).toBe('@fastify/ws')
    expect(moduleOf('/r/packages/server/src/delivery/hub.ts', '/r')).toBe(
      'packages/server/src/delivery',
    )
  })
})
