import type { CommandFrame } from '@algochat/protocol'

/** One queued command, as an outbox store keeps it. */
export interface OutboxEntry {
  /** The command to send; `frame.clientId` identifies the entry. */
  frame: CommandFrame
  /** User who queued it; null when queued before the first connection. */
  user: string | null
  /** When it was queued (ms since the epoch), strictly increasing: the send order. */
  at: number
}

/**
 * Where queued commands wait until the server acknowledges them. Entries
 * are written before they are sent and deleted once acknowledged, so a
 * store that outlives the page (IndexedDB) also outlives a reload.
 */
export interface OutboxStore {
  /** Every entry still queued, in any order. */
  load(): Promise<OutboxEntry[]>
  /** Adds or replaces the entry with this `frame.clientId`. */
  put(entry: OutboxEntry): Promise<void>
  /** Removes the entry with this `frame.clientId`, if there is one. */
  delete(clientId: string): Promise<void>
}

/**
 * Keeps the outbox in memory: it lasts as long as this object. Share one
 * instance between clients to carry queued commands from one to the next.
 */
export class MemoryOutboxStore implements OutboxStore {
  readonly #entries = new Map<string, OutboxEntry>()

  /** Every entry still queued, in the order first put. */
  async load(): Promise<OutboxEntry[]> {
    return [...this.#entries.values()]
  }

  /** Adds or replaces the entry with this `frame.clientId`. */
  async put(entry: OutboxEntry): Promise<void> {
    this.#entries.set(entry.frame.clientId, entry)
  }

  /** Removes the entry with this `frame.clientId`, if there is one. */
  async delete(clientId: string): Promise<void> {
    this.#entries.delete(clientId)
  }
}
