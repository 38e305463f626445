import type { OutboxEntry, OutboxStore } from './outbox-store.js'

const storeName = 'outbox'

/**
 * Keeps the outbox in IndexedDB so queued commands survive a reload. Each
 * write resolves when its transaction commits. Tabs of one site share the
 * database; a command two tabs both send is stored once, because the
 * server deduplicates on its `clientId`.
 */
export class IndexedDBOutboxStore implements OutboxStore {
  readonly #name: string
  #db: Promise<IDBDatabase> | undefined

  /** @param name Database name; the client uses `algochat-outbox:<app>`. */
  constructor(name: string) {
    this.#name = name
  }

  /**
   * Every entry still queued, in `clientId` order. Opens (and on first
   * use creates) the database; rejects when IndexedDB is unavailable.
   */
  load(): Promise<OutboxEntry[]> {
    return this.#run('readonly', (store) => store.getAll())
  }

  /** Adds or replaces the entry; resolves once the write is committed. */
  async put(entry: OutboxEntry): Promise<void> {
    await this.#run('readwrite', (store) => store.put(entry))
  }

  /** Removes the entry, if any; resolves once the removal is committed. */
  async delete(clientId: string): Promise<void> {
    await this.#run('readwrite', (store) => store.delete(clientId))
  }

  #open(): Promise<IDBDatabase> {
    return (this.#db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(this.#name, 1)
      request.onupgradeneeded = () =>
        request.result.createObjectStore(storeName, {
          keyPath: 'frame.clientId',
        })
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    }))
  }

  async #run<T>(
    mode: IDBTransactionMode,
    action: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> {
    const db = await this.#open()
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(storeName, mode)
      const request = action(transaction.objectStore(storeName))
      transaction.oncomplete = () => resolve(request.result)
      transaction.onerror = transaction.onabort = () =>
        reject(transaction.error)
    })
  }
}
