import { Histogram } from './histogram.js'

/** How the server answered the commands sent so far. */
export interface CommandCounts {
  sent: number
  /** Commands that got `accepted` (durable in the log). */
  accepted: number
  /** Commands that got their `ack` (stored with a seq). */
  acked: number
  /** Commands the server refused with an error, by code. */
  rejected: Record<string, number>
  /** Sent, neither refused nor answered with `accepted`. */
  missingAccepted: number
  /** Sent, neither refused nor acked. */
  missingAck: number
  /** Replies for a clientId never sent, or one already settled. */
  unmatched: number
}

interface Outstanding {
  /** Harness clock, µs. */
  sentAt: number
  accepted: boolean
}

/**
 * Send to `accepted` and send to `ack`, per clientId, for the commands
 * sent inside the measured window; every command of the run is counted
 * so that what never got an answer shows at the end. A command is
 * forgotten once acked or refused, so memory follows what is in flight.
 */
export class CommandLatency {
  /** Send to `accepted`, µs. */
  readonly accepted = new Histogram()
  /** Send to `ack`, µs. */
  readonly acked = new Histogram()
  /** Like `acked`, reset by whoever prints progress. */
  readonly recent = new Histogram()
  readonly #outstanding = new Map<string, Outstanding>()
  readonly #rejected: Record<string, number> = {}
  #sent = 0
  #acceptedCount = 0
  #ackedCount = 0
  #rejectedCount = 0
  #unmatched = 0
  #windowStart = Number.POSITIVE_INFINITY
  #windowEnd = Number.POSITIVE_INFINITY

  /** Measures commands sent from `at` on (harness clock, ms). */
  openWindow(at: number): void {
    this.#windowStart = at * 1_000
    this.accepted.reset()
    this.acked.reset()
  }

  /** Stops measuring commands sent after `at` (ms). */
  closeWindow(at: number): void {
    this.#windowEnd = at * 1_000
  }

  /** `at` is the harness clock when the command was handed over, ms. */
  sent(clientId: string, at: number): void {
    this.#sent += 1
    this.#outstanding.set(clientId, { sentAt: at * 1_000, accepted: false })
  }

  acceptedAt(clientId: string, at: number): void {
    const command = this.#outstanding.get(clientId)
    if (!command || command.accepted) {
      this.#unmatched += 1
      return
    }
    command.accepted = true
    this.#acceptedCount += 1
    if (this.#inWindow(command))
      this.accepted.record(at * 1_000 - command.sentAt)
  }

  ackedAt(clientId: string, at: number): void {
    const command = this.#outstanding.get(clientId)
    if (!command) {
      this.#unmatched += 1
      return
    }
    this.#outstanding.delete(clientId)
    this.#ackedCount += 1
    const us = at * 1_000 - command.sentAt
    this.recent.record(us)
    if (this.#inWindow(command)) this.acked.record(us)
  }

  rejected(clientId: string, code: string): void {
    const command = this.#outstanding.get(clientId)
    if (!command) {
      this.#unmatched += 1
      return
    }
    this.#outstanding.delete(clientId)
    this.#rejectedCount += 1
    this.#rejected[code] = (this.#rejected[code] ?? 0) + 1
  }

  /** Commands still waiting for their ack. */
  get inFlight(): number {
    return this.#outstanding.size
  }

  counts(): CommandCounts {
    const settled = this.#ackedCount + this.#rejectedCount
    return {
      sent: this.#sent,
      accepted: this.#acceptedCount,
      acked: this.#ackedCount,
      rejected: { ...this.#rejected },
      missingAccepted: this.#sent - this.#acceptedCount - this.#rejectedCount,
      missingAck: this.#sent - settled,
      unmatched: this.#unmatched,
    }
  }

  #inWindow(command: Outstanding): boolean {
    return (
      command.sentAt >= this.#windowStart && command.sentAt < this.#windowEnd
    )
  }
}
