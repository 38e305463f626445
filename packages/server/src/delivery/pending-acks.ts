import type { Connection } from './connection.js'

export interface Waiter {
  connection: Connection
  ref: string | undefined
  expires: number
}

/**
 * Commands this node appended and is waiting to see sequenced, keyed by
 * (app, room, user, clientId). When the event comes back on the room's
 * channel, every waiter for it gets its ack. Waiters expire: the SDK
 * retries with the same clientId and gets the stored event's ack then.
 */
export class PendingAcks {
  readonly #waiters = new Map<string, Waiter[]>()
  /** Waiting commands per room key, so the room's channel stays followed. */
  readonly #perRoom = new Map<string, number>()
  readonly #ttlMs: number

  constructor(ttlMs = 60_000) {
    this.#ttlMs = ttlMs
  }

  add(
    roomKey: string,
    user: string,
    clientId: string,
    connection: Connection,
    ref: string | undefined,
  ): void {
    const key = `${roomKey}|${user}|${clientId}`
    const list = this.#waiters.get(key) ?? []
    list.push({ connection, ref, expires: Date.now() + this.#ttlMs })
    this.#waiters.set(key, list)
    this.#perRoom.set(roomKey, (this.#perRoom.get(roomKey) ?? 0) + 1)
  }

  /** Removes and returns the waiters for this command. */
  take(roomKey: string, user: string, clientId: string): Waiter[] {
    const key = `${roomKey}|${user}|${clientId}`
    const list = this.#waiters.get(key)
    if (!list) return []
    this.#waiters.delete(key)
    this.#release(roomKey, list.length)
    return list
  }

  hasRoom(roomKey: string): boolean {
    return this.#perRoom.has(roomKey)
  }

  /** Drops expired waiters; returns the room keys that have none left. */
  sweep(now = Date.now()): string[] {
    const emptied: string[] = []
    for (const [key, list] of this.#waiters) {
      const alive = list.filter(
        (waiter) => waiter.expires > now && !waiter.connection.closed,
      )
      if (alive.length === list.length) continue

      if (alive.length === 0) this.#waiters.delete(key)
      else this.#waiters.set(key, alive)

      const roomKey = key.slice(
        0,
        key.lastIndexOf('|', key.lastIndexOf('|') - 1),
      )
      if (this.#release(roomKey, list.length - alive.length)) {
        emptied.push(roomKey)
      }
    }
    return emptied
  }

  /** Returns true when the room has no waiter left. */
  #release(roomKey: string, count: number): boolean {
    const left = (this.#perRoom.get(roomKey) ?? 0) - count
    if (left > 0) {
      this.#perRoom.set(roomKey, left)
      return false
    }
    this.#perRoom.delete(roomKey)
    return true
  }
}
