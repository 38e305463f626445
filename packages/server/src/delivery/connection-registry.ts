import type { Connection } from './connection.js'

/** Authenticated connections on this node, by app and user. */
export class ConnectionRegistry {
  readonly #byUser = new Map<string, Set<Connection>>()
  readonly #all = new Set<Connection>()

  get size(): number {
    return this.#all.size
  }

  add(connection: Connection): void {
    this.#all.add(connection)
  }

  /** Files the connection under its user once it has authenticated. */
  identify(connection: Connection): void {
    const key = `${connection.app.id}|${connection.user.user}`
    const set = this.#byUser.get(key) ?? new Set()
    set.add(connection)
    this.#byUser.set(key, set)
  }

  remove(connection: Connection): void {
    this.#all.delete(connection)
    if (!connection.identity) return
    const key = `${connection.app.id}|${connection.identity.user}`
    const set = this.#byUser.get(key)
    set?.delete(connection)
    if (set?.size === 0) this.#byUser.delete(key)
  }

  ofUser(app: string, user: string): Connection[] {
    return [...(this.#byUser.get(`${app}|${user}`) ?? [])]
  }

  all(): Connection[] {
    return [...this.#all]
  }
}
