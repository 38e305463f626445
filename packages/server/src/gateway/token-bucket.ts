/**
 * A token bucket: `rate` tokens per second refill it up to `burst`. Each
 * action takes one; when none is left the action is refused.
 */
export class TokenBucket {
  #tokens: number
  #updated: number
  readonly #rate: number
  readonly #burst: number

  constructor(rate: number, burst: number) {
    this.#rate = rate
    this.#burst = burst
    this.#tokens = burst
    this.#updated = Date.now()
  }

  take(now = Date.now()): boolean {
    const elapsed = (now - this.#updated) / 1000
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#rate)
    this.#updated = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }
}
