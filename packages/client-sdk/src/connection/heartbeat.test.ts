import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Heartbeat } from './heartbeat.js'

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('pings once per interval', () => {
    const ping = vi.fn()
    const heartbeat = new Heartbeat(ping, () => {})
    heartbeat.start(1_000)
    vi.advanceTimersByTime(1_000)
    heartbeat.touch()
    vi.advanceTimersByTime(1_000)
    heartbeat.touch()
    vi.advanceTimersByTime(1_000)
    expect(ping).toHaveBeenCalledTimes(3)
    heartbeat.stop()
  })

  it('declares the connection dead after two silent intervals', () => {
    const dead = vi.fn()
    const heartbeat = new Heartbeat(() => {}, dead)
    heartbeat.start(1_000)
    vi.advanceTimersByTime(1_999)
    expect(dead).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(dead).toHaveBeenCalledTimes(1)
  })

  it('counts silence from the last frame, not from the start', () => {
    const dead = vi.fn()
    const heartbeat = new Heartbeat(() => {}, dead)
    heartbeat.start(1_000)
    vi.advanceTimersByTime(1_500)
    heartbeat.touch()
    vi.advanceTimersByTime(1_999)
    expect(dead).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(dead).toHaveBeenCalledTimes(1)
  })

  it('stays quiet once stopped', () => {
    const ping = vi.fn()
    const dead = vi.fn()
    const heartbeat = new Heartbeat(ping, dead)
    heartbeat.start(1_000)
    heartbeat.stop()
    vi.advanceTimersByTime(10_000)
    expect(ping).not.toHaveBeenCalled()
    expect(dead).not.toHaveBeenCalled()
  })
})
