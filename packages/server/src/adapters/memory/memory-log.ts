import type {
  ConsumeOptions,
  LogCommand,
  MessageLog,
} from '../../ports/message-log.js'

type Handler = (batch: readonly LogCommand[]) => Promise<void>

export interface MemoryLogOptions {
  /**
   * Most commands handed to the sequencer at once.
   * @default 500
   */
  maxBatch?: number
  /**
   * Pause before a failed batch is handed over again, in ms.
   * @default 200
   */
  retryDelayMs?: number
}

/**
 * The embedded message log: an in-process queue drained by one consumer,
 * so per-room order is the append order.
 *
 * Known limitation: the queue lives in memory. A command appended but not
 * yet sequenced is lost if the process is killed (a graceful stop drains
 * it first). The SDK keeps such a send pending until its ack and resends
 * it with the same clientId, so no acknowledged message is lost; use the
 * Kafka log where an `accepted` command must survive a crash.
 */
export class MemoryLog implements MessageLog {
  readonly #queue: LogCommand[] = []
  readonly #maxBatch: number
  readonly #retryDelayMs: number
  #handler: Handler | undefined
  #draining: Promise<void> | undefined
  #closed = false

  constructor(options: MemoryLogOptions = {}) {
    this.#maxBatch = options.maxBatch ?? 500
    this.#retryDelayMs = options.retryDelayMs ?? 200
  }

  async append(command: LogCommand): Promise<void> {
    if (this.#closed) throw new Error('message log is closed')
    this.#queue.push(command)
    this.#kick()
  }

  async consume(handler: Handler, _options?: ConsumeOptions): Promise<void> {
    this.#handler = handler
    this.#kick()
  }

  async lag(): Promise<number> {
    return this.#queue.length
  }

  async ping(): Promise<boolean> {
    return !this.#closed
  }

  /** Hands every queued command to the consumer, then stops. */
  async close(): Promise<void> {
    while (this.#draining || (this.#handler && this.#queue.length > 0)) {
      this.#kick()
      await this.#draining
    }
    this.#closed = true
  }

  #kick(): void {
    if (this.#draining || !this.#handler || this.#queue.length === 0) return
    this.#draining = this.#drain(this.#handler).finally(() => {
      this.#draining = undefined
      if (this.#queue.length > 0) this.#kick()
    })
  }

  async #drain(handler: Handler): Promise<void> {
    // Yield once so appends made in the same tick join one batch.
    await new Promise<void>((resolve) => setImmediate(resolve))

    while (this.#queue.length > 0) {
      const batch = this.#queue.slice(0, this.#maxBatch)
      try {
        await handler(batch)
        this.#queue.splice(0, batch.length)
      } catch {
        // The sequencer logs its own failures; the batch stays at the head
        // of the queue and is offered again, like an uncommitted offset.
        await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs))
        if (this.#closed) return
      }
    }
  }
}
