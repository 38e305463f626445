import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { FanoutBus } from '../../ports/fanout-bus.js'
import { connectRedis, whenReady } from './redis-connection.js'

/**
 * Fan-out over Redis pub/sub: one channel per room, so a node receives
 * only the rooms it has local interest in. A subscribed connection cannot
 * publish, hence two clients. Pub/sub is at most once: whatever is
 * published while a node is disconnected is lost for it, and `onReconnect`
 * listeners repair that from the store.
 */
export class RedisBus implements FanoutBus {
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #handlers = new Map<string, (payload: string) => void>()
  readonly #reconnectListeners: (() => void)[] = []
  readonly #logger: Logger
  #wasReady = false

  private constructor(url: string, logger: Logger) {
    this.#logger = logger
    this.#publisher = connectRedis(url)
    // The subscriber queues SUBSCRIBE while reconnecting and replays every
    // subscription itself once Redis is back.
    this.#subscriber = connectRedis(url, {
      enableOfflineQueue: true,
      autoResubscribe: true,
      maxRetriesPerRequest: null,
    })

    this.#subscriber.on('message', (channel: string, payload: string) => {
      this.#handlers.get(channel)?.(payload)
    })
    this.#subscriber.on('ready', () => this.#onReady())
    for (const client of [this.#publisher, this.#subscriber]) {
      client.on('error', (error: Error) =>
        this.#logger.warn({ err: error }, 'redis bus error'),
      )
    }
  }

  static async connect(url: string, logger: Logger): Promise<RedisBus> {
    const bus = new RedisBus(url, logger)
    await Promise.all([whenReady(bus.#publisher), whenReady(bus.#subscriber)])
    return bus
  }

  async publish(channel: string, payload: string): Promise<void> {
    await this.#publisher.publish(channel, payload)
  }

  async subscribe(
    channel: string,
    handler: (payload: string) => void,
  ): Promise<void> {
    const known = this.#handlers.has(channel)
    this.#handlers.set(channel, handler)
    if (!known) await this.#subscriber.subscribe(channel)
  }

  async unsubscribe(channel: string): Promise<void> {
    if (!this.#handlers.delete(channel)) return
    await this.#subscriber.unsubscribe(channel)
  }

  onReconnect(listener: () => void): void {
    this.#reconnectListeners.push(listener)
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.#publisher.ping()) === 'PONG'
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    this.#handlers.clear()
    this.#subscriber.disconnect()
    this.#publisher.disconnect()
  }

  #onReady(): void {
    if (!this.#wasReady) {
      this.#wasReady = true
      return
    }
    this.#logger.info('redis bus reconnected; repairing missed events')
    for (const listener of this.#reconnectListeners) listener()
  }
}
