import { DeliveryTracker } from './delivery-tracker.js'
import { Histogram } from './histogram.js'
import { decodePayload } from './payload.js'

/** Where a receiving client sits: its slot in each room it joined. */
export interface Receiver {
  memberships: readonly { room: number; slot: number }[]
}

/**
 * Everything the benchmark learns from deliveries, on the hot path: loss
 * and duplicates for the whole run, and end-to-end latency for messages
 * sent inside the measured window. Latency is taken twice: from the
 * moment the message was sent, and from the moment the open-loop
 * schedule wanted it sent, which also charges any harness stall.
 */
export class DeliveryRecorder {
  readonly tracker: DeliveryTracker
  /** Receive time minus send time, microseconds. */
  readonly latency = new Histogram()
  /** Receive time minus scheduled send time, microseconds. */
  readonly scheduledLatency = new Histogram()
  /** Like `latency`, reset by whoever prints progress. */
  readonly recent = new Histogram()
  /** Distinct deliveries so far, measured or not. */
  delivered = 0
  duplicates = 0
  unreadable = 0
  #windowStart = Number.POSITIVE_INFINITY
  #windowEnd = Number.POSITIVE_INFINITY

  constructor(roomSizes: readonly number[]) {
    this.tracker = new DeliveryTracker(roomSizes)
  }

  /** Measures latency of messages sent from now on (harness ms clock). */
  openWindow(at: number): void {
    this.#windowStart = at * 1_000
    this.latency.reset()
    this.scheduledLatency.reset()
  }

  /** Stops measuring latency of messages sent after `at`. */
  closeWindow(at: number): void {
    this.#windowEnd = at * 1_000
  }

  sent(room: number, slot: number, seq: number): void {
    this.tracker.recordSent(room, slot, seq)
  }

  received(receiver: Receiver, payload: string, receivedAt: number): void {
    const fields = decodePayload(payload)
    if (!fields) {
      this.unreadable += 1
      return
    }
    const membership = receiver.memberships.find((m) => m.room === fields.room)
    const outcome = this.tracker.recordReceived(
      fields.room,
      membership ? membership.slot : -1,
      fields.sender,
      fields.seq,
    )
    if (outcome === 'duplicate') {
      this.duplicates += 1
      return
    }
    if (outcome === 'unexpected') return

    this.delivered += 1
    const receivedUs = receivedAt * 1_000
    this.recent.record(receivedUs - fields.sentAt)
    if (fields.sentAt >= this.#windowStart && fields.sentAt < this.#windowEnd) {
      this.latency.record(receivedUs - fields.sentAt)
      this.scheduledLatency.record(receivedUs - fields.intendedAt)
    }
  }
}
