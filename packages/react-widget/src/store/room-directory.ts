import type { ChatClient, RoomSummary } from '@algochat/client'

/** One room in the list, with a live unread count. */
export interface RoomEntry {
  readonly id: string
  /** Display name; null when the room has none. */
  readonly name: string | null
  readonly unread: number
  /** False for rooms offered by the page that this user has not joined. */
  readonly joined: boolean
}

/**
 * The current user's rooms with unread counts that stay live. It asks the
 * server for the list whenever the client comes online and on
 * `refresh()`, and keeps each listed room subscribed so the counts follow
 * new messages and read marks without polling. Framework-agnostic: React
 * reads it through `useRooms`.
 */
export class RoomDirectory {
  readonly #client: ChatClient
  readonly #listeners = new Set<() => void>()
  readonly #watching = new Map<string, () => void>()
  #summaries: readonly RoomSummary[] = []
  #snapshot: readonly RoomEntry[] | undefined
  #stopStatus: (() => void) | undefined
  #refreshing: Promise<void> | undefined

  constructor(client: ChatClient) {
    this.#client = client
  }

  /** Joined rooms, in the order the server lists them. */
  get rooms(): readonly RoomEntry[] {
    return (this.#snapshot ??= this.#summaries.map((summary) => {
      const state = this.#client.room(summary.id).state
      return {
        id: summary.id,
        name: summary.name,
        // Once a room is caught up its own count is fresher than the
        // summary's, which also counts edits and reactions.
        unread: state.synced ? state.unread : summary.unread,
        joined: true,
      }
    }))
  }

  /**
   * Calls `listener` after each change of `rooms`; the first listener
   * starts the watching, removing the last stops it.
   * @returns A function that removes the listener.
   */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    if (this.#listeners.size === 1) this.#start()
    return () => {
      if (this.#listeners.delete(listener) && !this.#listeners.size) {
        this.#stop()
      }
    }
  }

  /** Asks the server for the list again, e.g. after joining a room. */
  refresh(): Promise<void> {
    return (this.#refreshing ??= this.#client
      .rooms()
      .then((summaries) => this.#update(summaries))
      // Offline or refused: the list stays as it was until the next try.
      .catch(() => {})
      .finally(() => {
        this.#refreshing = undefined
      }))
  }

  #start(): void {
    this.#stopStatus = this.#client.on('status', (status) => {
      if (status === 'online') void this.refresh()
    })
    if (this.#client.status === 'online') void this.refresh()
    for (const summary of this.#summaries) this.#watch(summary.id)
  }

  #stop(): void {
    this.#stopStatus?.()
    for (const stop of this.#watching.values()) stop()
    this.#watching.clear()
  }

  #update(summaries: readonly RoomSummary[]): void {
    this.#summaries = summaries
    const ids = new Set(summaries.map((summary) => summary.id))
    for (const [id, stop] of this.#watching) {
      if (ids.has(id)) continue
      stop()
      this.#watching.delete(id)
    }
    if (this.#listeners.size) for (const id of ids) this.#watch(id)
    this.#changed()
  }

  #watch(id: string): void {
    if (this.#watching.has(id)) return
    const stop = this.#client.room(id).subscribe(() => this.#changed())
    this.#watching.set(id, stop)
  }

  #changed(): void {
    this.#snapshot = undefined
    for (const listener of [...this.#listeners]) listener()
  }
}

const directories = new WeakMap<ChatClient, RoomDirectory>()

/** The one directory of `client`, shared by every component. */
export function roomDirectory(client: ChatClient): RoomDirectory {
  let directory = directories.get(client)
  if (!directory) {
    directory = new RoomDirectory(client)
    directories.set(client, directory)
  }
  return directory
}
