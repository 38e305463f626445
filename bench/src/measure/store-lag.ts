import { Histogram } from './histogram.js'
import { decodePayload } from './payload.js'

/**
 * Send to "readable in the message store", from a reader outside the
 * server that looks at the store every so often: each stored message
 * counts the time of the look that first found it minus the send time in
 * its payload. Both are the harness's own clock, since the reader runs
 * in the harness. The message became readable after the previous look
 * and before this one, so the figure is high by at most one interval
 * between looks: that interval is the measurement's resolution.
 */
export class StoreLag {
  /** Send to first seen in the store, µs. */
  readonly lag = new Histogram()
  /** Like `lag`, reset by whoever prints progress. */
  readonly recent = new Histogram()
  /** Benchmark messages found in the store, window or not. */
  stored = 0
  /** Stored texts that are not benchmark payloads. */
  unreadable = 0
  #windowStart = Number.POSITIVE_INFINITY
  #windowEnd = Number.POSITIVE_INFINITY

  /** Measures messages sent from `at` on (harness clock, ms). */
  openWindow(at: number): void {
    this.#windowStart = at * 1_000
    this.lag.reset()
  }

  /** Stops measuring messages sent after `at` (ms). */
  closeWindow(at: number): void {
    this.#windowEnd = at * 1_000
  }

  /** A message's text, first found in the store at `seenAt` (ms). */
  seen(text: string, seenAt: number): void {
    const fields = decodePayload(text)
    if (!fields) {
      this.unreadable += 1
      return
    }
    this.stored += 1
    const us = seenAt * 1_000 - fields.sentAt
    this.recent.record(us)
    if (fields.sentAt >= this.#windowStart && fields.sentAt < this.#windowEnd) {
      this.lag.record(us)
    }
  }
}
