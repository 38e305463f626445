import { TokenBucket } from './token-bucket.js'

/**
 * Token buckets by key (a user, an IP). Buckets idle long enough to be
 * full again are dropped by `sweep`, so the map holds only active keys.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { bucket: TokenBucket; used: number }>()
  readonly #rate: number
  readonly #burst: number

  constructor(rate: number, burst: number) {
    this.#rate = rate
    this.#burst = burst
  }

  take(key: string, now = Date.now()): boolean {
    let entry = this.#buckets.get(key)
    if (!entry) {
      entry = { bucket: new TokenBucket(this.#rate, this.#burst), used: now }
      this.#buckets.set(key, entry)
    }
    entry.used = now
    return entry.bucket.take(now)
  }

  sweep(now = Date.now()): void {
    const refillMs = (this.#burst / this.#rate) * 1000
    for (const [key, entry] of this.#buckets) {
      if (now - entry.used > refillMs) this.#buckets.delete(key)
    }
  }
}
