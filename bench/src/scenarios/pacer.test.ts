import { describe, expect, it } from 'vitest'
import { Pacer } from './pacer.js'

function recording(rate: number, maxBurst = 1_000) {
  const sent: [number, number][] = []
  const pacer = new Pacer({
    rate,
    startAt: 100,
    maxBurst,
    send: (index, intendedAt) => sent.push([index, intendedAt]),
  })
  return { pacer, sent }
}

describe('Pacer', () => {
  it('sends exactly what is due at each tick, evenly scheduled', () => {
    const { pacer, sent } = recording(1_000)
    expect(pacer.tick(99)).toBe(0)
    expect(pacer.tick(100)).toBe(1)
    expect(pacer.tick(104.5)).toBe(4)
    expect(pacer.tick(104.9)).toBe(0)
    expect(sent.map(([, at]) => at)).toEqual([100, 101, 102, 103, 104])
    expect(sent.map(([index]) => index)).toEqual([0, 1, 2, 3, 4])
  })

  it('keeps the schedule when ticks come late instead of slowing down', () => {
    const { pacer } = recording(100)
    pacer.tick(100)
    // A 1 s stall: the 100 messages due meanwhile all go out.
    expect(pacer.tick(1_100)).toBe(100)
    expect(pacer.sent).toBe(101)
    expect(pacer.maxLagMs).toBeCloseTo(990, 6)
  })

  it('spreads a backlog over ticks no larger than maxBurst', () => {
    const { pacer } = recording(1_000, 50)
    expect(pacer.tick(299.5)).toBe(50)
    expect(pacer.tick(299.5)).toBe(50)
    expect(pacer.tick(299.5)).toBe(50)
    expect(pacer.tick(299.5)).toBe(50)
    expect(pacer.tick(299.5)).toBe(0)
    expect(pacer.sent).toBe(200)
  })
})
