/**
 * A small map whose entries expire. When full, the oldest entry goes:
 * a Map iterates in insertion order, so that is the first key.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>()
  readonly #ttlMs: number
  readonly #maxEntries: number

  constructor(ttlMs: number, maxEntries: number) {
    this.#ttlMs = ttlMs
    this.#maxEntries = maxEntries
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expires < Date.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: string, value: V): void {
    this.#entries.delete(key)
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    this.#entries.set(key, { value, expires: Date.now() + this.#ttlMs })
  }

  /** Deletes the key, or every key starting with `prefix` when given. */
  delete(key: string, prefix = false): void {
    if (!prefix) {
      this.#entries.delete(key)
      return
    }
    for (const candidate of this.#entries.keys()) {
      if (candidate.startsWith(key)) this.#entries.delete(candidate)
    }
  }

  clear(): void {
    this.#entries.clear()
  }
}
