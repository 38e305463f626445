import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TypingTracker } from './typing.js'

describe('TypingTracker', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('lets at most one notification out per throttle window', () => {
    const typing = new TypingTracker(3_000, 6_000, () => {})
    expect(typing.shouldSend()).toBe(true)
    vi.advanceTimersByTime(1_000)
    expect(typing.shouldSend()).toBe(false)
    vi.advanceTimersByTime(1_999)
    expect(typing.shouldSend()).toBe(false)
    vi.advanceTimersByTime(1)
    expect(typing.shouldSend()).toBe(true)
  })

  it('lists a typing user until the timeout passes', () => {
    const changed = vi.fn()
    const typing = new TypingTracker(3_000, 6_000, changed)
    typing.seen('ann')
    expect(typing.users).toEqual(['ann'])
    expect(changed).toHaveBeenCalledTimes(1)

    vi.advanceTimersByTime(5_999)
    expect(typing.users).toEqual(['ann'])
    vi.advanceTimersByTime(1)
    expect(typing.users).toEqual([])
    expect(changed).toHaveBeenCalledTimes(2)
  })

  it('extends the time of a user who keeps typing, without a change', () => {
    const changed = vi.fn()
    const typing = new TypingTracker(3_000, 6_000, changed)
    typing.seen('ann')
    const users = typing.users
    vi.advanceTimersByTime(4_000)
    typing.seen('ann')
    expect(typing.users).toBe(users)
    vi.advanceTimersByTime(4_000)
    expect(typing.users).toEqual(['ann'])
    vi.advanceTimersByTime(2_000)
    expect(typing.users).toEqual([])
    expect(changed).toHaveBeenCalledTimes(2)
  })

  it('expires each user on their own schedule', () => {
    const typing = new TypingTracker(3_000, 6_000, () => {})
    typing.seen('ann')
    vi.advanceTimersByTime(3_000)
    typing.seen('bob')
    expect(typing.users).toEqual(['ann', 'bob'])
    vi.advanceTimersByTime(3_000)
    expect(typing.users).toEqual(['bob'])
    vi.advanceTimersByTime(3_000)
    expect(typing.users).toEqual([])
  })

  it('drops a user at once when they stop, e.g. their message arrived', () => {
    const typing = new TypingTracker(3_000, 6_000, () => {})
    typing.seen('ann')
    typing.stopped('ann')
    expect(typing.users).toEqual([])
  })
})
