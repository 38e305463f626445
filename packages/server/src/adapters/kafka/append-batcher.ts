interface Pending<T> {
  item: T
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Collects items appended within one turn of the event loop and hands
 * them to `flush` together, one flush at a time. Every caller's promise
 * settles with its batch, so a caller still learns exactly when its own
 * item is durable, while the log sees one request per burst.
 */
export class AppendBatcher<T> {
  readonly #flush: (items: T[]) => Promise<void>
  readonly #maxItems: number
  #queue: Pending<T>[] = []
  #running: Promise<void> | undefined

  constructor(flush: (items: T[]) => Promise<void>, maxItems = 500) {
    this.#flush = flush
    this.#maxItems = maxItems
  }

  append(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject })
      this.#running ??= this.#drain()
    })
  }

  /** Resolves once everything appended so far has been flushed. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running
  }

  async #drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxItems)
      try {
        await this.#flush(batch.map((pending) => pending.item))
        for (const pending of batch) pending.resolve()
      } catch (error) {
        for (const pending of batch) pending.reject(error)
      }
    }
    this.#running = undefined
  }
}
