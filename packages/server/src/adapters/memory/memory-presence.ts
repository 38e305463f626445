import type { PresenceRegistry } from '../../ports/presence-registry.js'

/** Presence for one process: a connection count per user and room. */
export class MemoryPresence implements PresenceRegistry {
  readonly #counts = new Map<string, Map<string, number>>()

  async enter(app: string, room: string, user: string): Promise<boolean> {
    const users = this.#room(app, room, true)
    const count = users.get(user) ?? 0
    users.set(user, count + 1)
    return count === 0
  }

  async leave(app: string, room: string, user: string): Promise<boolean> {
    const users = this.#room(app, room, false)
    const count = users?.get(user) ?? 0
    if (!users || count === 0) return false

    if (count > 1) {
      users.set(user, count - 1)
      return false
    }
    users.delete(user)
    if (users.size === 0) this.#counts.delete(`${app}\u0000${room}`)
    return true
  }

  async online(app: string, room: string): Promise<string[]> {
    return [...(this.#room(app, room, false)?.keys() ?? [])]
  }

  async close(): Promise<void> {
    this.#counts.clear()
  }

  #room(app: string, room: string, create: true): Map<string, number>
  #room(
    app: string,
    room: string,
    create: false,
  ): Map<string, number> | undefined
  #room(app: string, room: string, create: boolean) {
    const key = `${app}\u0000${room}`
    let users = this.#counts.get(key)
    if (!users && create) {
      users = new Map()
      this.#counts.set(key, users)
    }
    return users
  }
}
