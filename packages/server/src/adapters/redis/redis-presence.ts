import type { Redis } from 'ioredis'
import type { PresenceRegistry } from '../../ports/presence-registry.js'

export interface RedisPresenceOptions {
  /** This node's id; entries are per node so one node's exit is exact. */
  node: string
  /**
   * How long an entry lives unless its node refreshes it, ms. A node that
   * dies takes its users offline within this time.
   * @default 30000
   */
  ttlMs?: number
}

/**
 * Presence shared by all nodes: one sorted set per room whose members are
 * `user|node` and whose scores are expiry times. Each node refreshes its
 * own entries; expired ones are dropped whenever the room is read.
 *
 * Known limitation: `enter` and `online` read the whole set, so they cost
 * O(users online in the room); fine for rooms of thousands, not millions.
 */
export class RedisPresence implements PresenceRegistry {
  readonly #redis: Redis
  readonly #node: string
  readonly #ttlMs: number
  /** Local sockets per (app, room, user), so entries match local reality. */
  readonly #local = new Map<string, number>()
  readonly #refresher: NodeJS.Timeout

  constructor(redis: Redis, options: RedisPresenceOptions) {
    this.#redis = redis
    this.#node = options.node
    this.#ttlMs = options.ttlMs ?? 30_000
    this.#refresher = setInterval(() => void this.#refresh(), this.#ttlMs / 3)
    this.#refresher.unref()
  }

  async enter(app: string, room: string, user: string): Promise<boolean> {
    const localKey = `${app}|${room}|${user}`
    const count = this.#local.get(localKey) ?? 0
    this.#local.set(localKey, count + 1)
    if (count > 0) return false

    const key = setKey(app, room)
    const now = Date.now()
    const results = await this.#redis
      .multi()
      .zremrangebyscore(key, '-inf', now)
      .zrange(key, 0, -1)
      .zadd(key, now + this.#ttlMs, `${user}|${this.#node}`)
      .pexpire(key, this.#ttlMs * 2)
      .exec()
    const members = (results?.[1]?.[1] ?? []) as string[]
    return !members.some((member) => userOf(member) === user)
  }

  async leave(app: string, room: string, user: string): Promise<boolean> {
    const localKey = `${app}|${room}|${user}`
    const count = this.#local.get(localKey) ?? 0
    if (count === 0) return false
    if (count > 1) {
      this.#local.set(localKey, count - 1)
      return false
    }
    this.#local.delete(localKey)

    const key = setKey(app, room)
    const results = await this.#redis
      .multi()
      .zrem(key, `${user}|${this.#node}`)
      .zrangebyscore(key, Date.now(), '+inf')
      .exec()
    const members = (results?.[1]?.[1] ?? []) as string[]
    return !members.some((member) => userOf(member) === user)
  }

  async online(app: string, room: string): Promise<string[]> {
    const members = await this.#redis.zrangebyscore(
      setKey(app, room),
      Date.now(),
      '+inf',
    )
    return [...new Set(members.map(userOf))]
  }

  async close(): Promise<void> {
    clearInterval(this.#refresher)

    // Leave cleanly so users do not linger until their entries expire.
    const pipeline = this.#redis.pipeline()
    for (const localKey of this.#local.keys()) {
      const [app = '', room = '', user = ''] = localKey.split('|')
      pipeline.zrem(setKey(app, room), `${user}|${this.#node}`)
    }
    this.#local.clear()
    await pipeline.exec().catch(() => undefined)
  }

  async #refresh(): Promise<void> {
    if (this.#local.size === 0) return
    const expiry = Date.now() + this.#ttlMs
    const pipeline = this.#redis.pipeline()
    for (const localKey of this.#local.keys()) {
      const [app = '', room = '', user = ''] = localKey.split('|')
      const key = setKey(app, room)
      pipeline.zadd(key, expiry, `${user}|${this.#node}`)
      pipeline.pexpire(key, this.#ttlMs * 2)
    }
    // A failed refresh only risks users showing offline early.
    await pipeline.exec().catch(() => undefined)
  }
}

function setKey(app: string, room: string): string {
  return `presence|${app}|${room}`
}

function userOf(member: string): string {
  return member.slice(0, member.lastIndexOf('|'))
}
