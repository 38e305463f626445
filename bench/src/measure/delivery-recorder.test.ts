import { describe, expect, it } from 'vitest'
import { DeliveryRecorder } from './delivery-recorder.js'
import { encodePayload } from './payload.js'

const alice = { memberships: [{ room: 0, slot: 0 }] }
const bob = { memberships: [{ room: 0, slot: 1 }] }

/** A payload sent at `sentAtMs` on the harness clock. */
function payload(seq: number, sentAtMs: number): string {
  return encodePayload(
    {
      room: 0,
      sender: 0,
      seq,
      sentAt: sentAtMs * 1_000,
      intendedAt: (sentAtMs - 1) * 1_000,
    },
    100,
  )
}

describe('DeliveryRecorder', () => {
  it('measures latency only for messages sent inside the window', () => {
    const recorder = new DeliveryRecorder([2])
    for (let seq = 1; seq <= 3; seq++) recorder.sent(0, 0, seq)

    recorder.received(bob, payload(1, 100), 105)
    recorder.openWindow(200)
    recorder.received(bob, payload(2, 200), 202)
    recorder.closeWindow(300)
    recorder.received(bob, payload(3, 300), 350)

    expect(recorder.delivered).toBe(3)
    expect(recorder.latency.count).toBe(1)
    expect(recorder.latency.valueAt(50)).toBe(2_000)
    // The schedule wanted it 1 ms earlier than it went out.
    expect(recorder.scheduledLatency.valueAt(50)).toBe(3_000)
  })

  it('counts duplicates apart from deliveries and skips their latency', () => {
    const recorder = new DeliveryRecorder([2])
    recorder.sent(0, 0, 1)
    recorder.openWindow(0)
    recorder.received(alice, payload(1, 10), 11)
    recorder.received(alice, payload(1, 10), 50)
    recorder.received(bob, payload(1, 10), 12)

    expect(recorder.delivered).toBe(2)
    expect(recorder.duplicates).toBe(1)
    expect(recorder.latency.summary().max).toBe(2_000)
    expect(recorder.tracker.counts().lost).toBe(0)
  })

  it('counts text that is not a benchmark payload as unreadable', () => {
    const recorder = new DeliveryRecorder([2])
    recorder.received(alice, 'hello from a human', 1)
    expect(recorder.unreadable).toBe(1)
    expect(recorder.delivered).toBe(0)
  })

  it('does not count a delivery to a client outside the room', () => {
    const recorder = new DeliveryRecorder([2])
    recorder.sent(0, 0, 1)
    recorder.received({ memberships: [] }, payload(1, 10), 11)
    expect(recorder.delivered).toBe(0)
    expect(recorder.tracker.counts().unexpected).toBe(1)
  })
})
