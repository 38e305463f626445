import { describe, expect, it } from 'vitest'
import { DeliveryTracker } from './delivery-tracker.js'

/** Sends `count` messages from every member of every room. */
function sendAll(tracker: DeliveryTracker, sizes: number[], count: number) {
  sizes.forEach((size, room) => {
    for (let sender = 0; sender < size; sender++) {
      for (let seq = 1; seq <= count; seq++) {
        tracker.recordSent(room, sender, seq)
      }
    }
  })
}

describe('DeliveryTracker', () => {
  it('counts no loss when every member receives every message once', () => {
    const sizes = [3, 2]
    const tracker = new DeliveryTracker(sizes)
    sendAll(tracker, sizes, 5)
    sizes.forEach((size, room) => {
      for (let receiver = 0; receiver < size; receiver++) {
        for (let sender = 0; sender < size; sender++) {
          for (let seq = 1; seq <= 5; seq++) {
            expect(tracker.recordReceived(room, receiver, sender, seq)).toBe(
              'new',
            )
          }
        }
      }
    })

    expect(tracker.counts()).toEqual({
      expected: 3 * 5 * 3 + 2 * 5 * 2,
      received: 65,
      lost: 0,
      duplicates: 0,
      unexpected: 0,
      roomsWithLoss: 0,
      roomsWithDuplicates: 0,
    })
  })

  it('counts a missing delivery as lost in its room only', () => {
    const tracker = new DeliveryTracker([2, 2])
    sendAll(tracker, [2, 2], 3)
    for (const room of [0, 1]) {
      for (const receiver of [0, 1]) {
        for (const sender of [0, 1]) {
          for (let seq = 1; seq <= 3; seq++) {
            if (room === 1 && receiver === 0 && sender === 1 && seq === 2) {
              continue
            }
            tracker.recordReceived(room, receiver, sender, seq)
          }
        }
      }
    }

    const counts = tracker.counts()
    expect(counts.lost).toBe(1)
    expect(counts.received).toBe(counts.expected - 1)
    expect(counts.roomsWithLoss).toBe(1)
  })

  it('recognises a repeat however late and out of order it comes', () => {
    const tracker = new DeliveryTracker([2])
    for (let seq = 1; seq <= 300; seq++) tracker.recordSent(0, 1, seq)

    expect(tracker.recordReceived(0, 0, 1, 200)).toBe('new')
    expect(tracker.recordReceived(0, 0, 1, 3)).toBe('new')
    expect(tracker.recordReceived(0, 0, 1, 200)).toBe('duplicate')
    expect(tracker.recordReceived(0, 0, 1, 3)).toBe('duplicate')
    // The same sequence reaching another receiver is not a repeat.
    expect(tracker.recordReceived(0, 1, 1, 3)).toBe('new')

    const counts = tracker.counts()
    expect(counts.duplicates).toBe(2)
    expect(counts.roomsWithDuplicates).toBe(1)
    expect(counts.received).toBe(3)
    expect(counts.lost).toBe(300 * 2 - 3)
  })

  it('rejects sequences never sent and slots outside the room', () => {
    const tracker = new DeliveryTracker([2])
    tracker.recordSent(0, 0, 1)
    expect(tracker.recordReceived(0, 0, 0, 2)).toBe('unexpected')
    expect(tracker.recordReceived(0, 0, 1, 1)).toBe('unexpected')
    expect(tracker.recordReceived(0, 5, 0, 1)).toBe('unexpected')
    expect(tracker.recordReceived(3, 0, 0, 1)).toBe('unexpected')
    expect(tracker.recordReceived(0, 0, 0, 0)).toBe('unexpected')
    expect(tracker.counts().unexpected).toBe(5)
    expect(() => tracker.recordSent(0, 2, 1)).toThrow(RangeError)
  })
})
