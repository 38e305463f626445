import { describe, expect, it } from 'vitest'
import { coreUsage, sharedCoresUsage } from './core-usage.js'

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

describe('sharedCoresUsage', () => {
  const two = (a: number, b: number, idle: number) =>
    new Map([
      [0, { busy: a, steal: 0, idle }],
      [1, { busy: b, steal: 0, idle }],
    ])

  it('adds the CPUs up and charges the rest to other processes', () => {
    // 2 CPUs for 10 s at 100 ticks/s: 2,000 ticks, 1,200 busy, 9 s ours.
    const usage = sharedCoresUsage(
      [0, 1],
      two(0, 0, 0),
      two(700, 500, 400),
      9,
      100,
    )
    expect(usage).toEqual({
      cpus: [0, 1],
      busyPercent: 60,
      otherPercent: 15,
      stealPercent: 0,
    })
  })

  it('returns null when a CPU is missing or none is given', () => {
    expect(sharedCoresUsage([0, 2], two(0, 0, 0), two(1, 1, 1), 0, 100)).toBe(
      null,
    )
    expect(sharedCoresUsage([], two(0, 0, 0), two(1, 1, 1), 0, 100)).toBe(null)
  })
})
