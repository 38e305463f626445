import { describe, expect, it } from 'vitest'
import { coreUsage } from './core-usage.js'

const at = (busy: number, steal: number, idle: number) =>
  new Map([[0, { busy, steal, idle }]])

describe('coreUsage', () => {
  it('splits busy time into the pinned process and everyone else', () => {
    // 10 s at 100 ticks/s: 700 busy ticks, 300 of them the server's.
    const usage = coreUsage(0, at(0, 0, 0), at(700, 100, 200), 3, 100)
    expect(usage).toEqual({
      cpu: 0,
      busyPercent: 70,
      otherPercent: 40,
      stealPercent: 10,
    })
  })

  it('never reports negative foreign use from rounding', () => {
    const usage = coreUsage(0, at(0, 0, 0), at(100, 0, 900), 1.2, 100)
    expect(usage?.otherPercent).toBe(0)
  })

  it('returns null for an unknown CPU or an empty interval', () => {
    expect(coreUsage(5, at(0, 0, 0), at(1, 1, 1), 0, 100)).toBeNull()
    expect(coreUsage(0, at(5, 5, 5), at(5, 5, 5), 0, 100)).toBeNull()
  })
})
