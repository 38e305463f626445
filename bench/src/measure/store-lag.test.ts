import { describe, expect, it } from 'vitest'
import { encodePayload } from './payload.js'
import { StoreLag } from './store-lag.js'

/** A payload sent at `ms` on the harness clock. */
const sentAt = (ms: number, seq = 1) =>
  encodePayload(
    { room: 0, sender: 1, seq, sentAt: ms * 1_000, intendedAt: ms * 1_000 },
    100,
  )

describe('StoreLag', () => {
  it('records the look that found a message minus its send time', () => {
    const store = new StoreLag()
    store.openWindow(0)
    store.seen(sentAt(100), 130)
    store.seen(sentAt(200, 2), 450)

    expect(store.lag.count).toBe(2)
    expect(store.lag.summary().min).toBe(30_000)
    expect(store.lag.summary().max).toBe(250_000)
  })

  it('counts every stored message but times only those sent in the window', () => {
    const store = new StoreLag()
    store.seen(sentAt(1), 5)
    store.openWindow(10)
    store.seen(sentAt(11, 2), 20)
    store.closeWindow(30)
    store.seen(sentAt(31, 3), 40)

    expect(store.stored).toBe(3)
    expect(store.lag.count).toBe(1)
    expect(store.lag.summary().max).toBe(9_000)
  })

  it('sets aside texts that are not benchmark payloads', () => {
    const store = new StoreLag()
    store.seen('hello', 1)
    expect(store.unreadable).toBe(1)
    expect(store.stored).toBe(0)
  })
})
