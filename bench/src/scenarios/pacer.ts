/**
 * An open-loop send schedule: message k is due at start + k / rate,
 * whatever happened to earlier ones, so a slow server cannot slow the
 * offered load down (the coordinated-omission trap). Each `tick` sends
 * what is due, at most `maxBurst` at once; a pacer that falls behind
 * catches up over the following ticks and reports how late it was.
 */
export interface PacerOptions {
  /** Messages per second over all senders. */
  rate: number
  /** Start of the schedule, ms on the clock `tick` is given. */
  startAt: number
  /** Most messages one tick sends. */
  maxBurst: number
  /** Sends message `index` (0-based), scheduled for `intendedAt` ms. */
  send: (index: number, intendedAt: number) => void
}

export class Pacer {
  readonly #options: PacerOptions
  readonly #interval: number
  #sent = 0
  #maxLagMs = 0

  constructor(options: PacerOptions) {
    if (!(options.rate > 0)) throw new RangeError('rate must be positive')
    if (!(options.maxBurst >= 1)) throw new RangeError('maxBurst must be >= 1')
    this.#options = options
    this.#interval = 1_000 / options.rate
  }

  get sent(): number {
    return this.#sent
  }

  /** How late the most overdue message was when it went out, ms. */
  get maxLagMs(): number {
    return this.#maxLagMs
  }

  /** Sends what is due at `now`; returns how many went out. */
  tick(now: number): number {
    const due = Math.floor((now - this.#options.startAt) / this.#interval) + 1
    const count = Math.min(
      Math.max(0, due - this.#sent),
      this.#options.maxBurst,
    )

    for (let i = 0; i < count; i++) {
      const index = this.#sent
      const intendedAt = this.#options.startAt + index * this.#interval
      this.#sent += 1
      this.#options.send(index, intendedAt)
      if (i === 0 && now - intendedAt > this.#maxLagMs) {
        this.#maxLagMs = now - intendedAt
      }
    }
    return count
  }
}
