import type { AccountStore, App } from '../ports/account-store.js'
import { TtlCache } from '../rooms/ttl-cache.js'

/**
 * Apps by id, cached: every socket upgrade needs its app, and a node must
 * keep admitting known apps' users through a short account-store outage.
 */
export class AppDirectory {
  readonly #accounts: AccountStore
  readonly #cache = new TtlCache<App | null>(30_000, 10_000)

  constructor(accounts: AccountStore) {
    this.#accounts = accounts
  }

  async get(id: string): Promise<App | null> {
    const cached = this.#cache.get(id)
    if (cached !== undefined) return cached
    const app = await this.#accounts.getApp(id)
    this.#cache.set(id, app)
    return app
  }

  forget(id: string): void {
    this.#cache.delete(id)
  }

  /** Forgets every app, for when change announcements may have been lost. */
  clear(): void {
    this.#cache.clear()
  }
}
