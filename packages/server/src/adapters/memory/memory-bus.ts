import type { FanoutBus } from '../../ports/fanout-bus.js'

/**
 * The embedded fan-out bus: one process, so publishing is a direct call.
 * Handlers run on a microtask so a publisher never re-enters its own
 * subscriber synchronously.
 */
export class MemoryBus implements FanoutBus {
  readonly #handlers = new Map<string, (payload: string) => void>()

  async publish(channel: string, payload: string): Promise<void> {
    const handler = this.#handlers.get(channel)
    if (handler) queueMicrotask(() => handler(payload))
  }

  async subscribe(
    channel: string,
    handler: (payload: string) => void,
  ): Promise<void> {
    this.#handlers.set(channel, handler)
  }

  async unsubscribe(channel: string): Promise<void> {
    this.#handlers.delete(channel)
  }

  onReconnect(): void {
    // An in-process bus never disconnects.
  }

  async ping(): Promise<boolean> {
    return true
  }

  async close(): Promise<void> {
    this.#handlers.clear()
  }
}
