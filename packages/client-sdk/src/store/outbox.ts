import { AlgochatError } from '@algochat/protocol'
import type {
  AcceptedFrame,
  AckFrame,
  CommandFrame,
  ErrorFrame,
  SendFrame,
} from '@algochat/protocol'
import { backoffDelay } from '../connection/backoff.js'
import { deferred, type Deferred } from '../deferred.js'
import { errorFromFrame } from '../error-from-frame.js'
import type { ResolvedOptions } from '../options.js'
import type { OutboxEntry, OutboxStore } from './outbox-store.js'

/** A message sent from this client that is not in the room's history yet. */
export interface PendingMessage {
  /** Chosen by the client; the same on every retry. */
  readonly clientId: string
  /** Id of the room it goes to. */
  readonly room: string
  /** The text as sent. */
  readonly text: string
  /** Id of the message it replies to, if it is a reply. */
  readonly parent?: string
  /** Ids of the users it mentions, if any. */
  readonly mentions?: readonly string[]
  /** When it was queued, by the client's clock (ms since the epoch). */
  readonly at: number
  /**
   * - `pending`: queued, or on its way to the server
   * - `sent`: stored by the server; shows in `messages` once its event is applied
   * - `failed`: refused for good (see `error`); `room.retry(clientId)` sends it again
   */
  readonly status: 'pending' | 'sent' | 'failed'
  /** Why it failed, or the last refusal it is being retried after. */
  readonly error: AlgochatError | null
}

/** How a queued send shows in a room's `pending`. */
export function pendingView(
  frame: SendFrame,
  at: number,
  status: PendingMessage['status'],
  error: AlgochatError | null = null,
): PendingMessage {
  const { op: _op, ref: _ref, ...message } = frame
  return { ...message, at, status, error }
}

export interface OutboxHooks {
  /** Sends a frame; false when offline. */
  post(frame: CommandFrame): boolean
  /** The authenticated user, kept while offline; null before the first welcome. */
  user(): string | null
  /** Runs when a command is acknowledged, before its waiters hear of it. */
  acked(entry: OutboxEntry, ack: AckFrame): void
  /** The pending sends of `room` changed. */
  changed(room: string): void
  error(error: AlgochatError): void
}

/**
 * What the outbox takes from the client's options: its store, how long a
 * command may go unanswered before it is sent again (`requestTimeoutMs`),
 * and the backoff bounds for commands refused with a retryable error.
 */
export type OutboxOptions = Pick<
  ResolvedOptions,
  'outbox' | 'requestTimeoutMs' | 'reconnectBaseMs' | 'reconnectMaxMs'
>

interface Item {
  entry: OutboxEntry
  /** queued → sent → accepted → (ack: removed), or failed. */
  state: 'queued' | 'sent' | 'accepted' | 'failed'
  error: AlgochatError | null
  attempts: number
  retryAt: number
  timer?: ReturnType<typeof setTimeout>
  waiter: Deferred<AckFrame>
  view?: PendingMessage | undefined
}

/**
 * Every command (send, edit, delete, react) goes through the outbox. It is
 * written to the store first, then sent; it leaves only when acknowledged.
 *
 * Order: within a room, a command goes out only after the one before it
 * is durable (`accepted`), so a refused or rate-limited command never lets
 * a later one overtake it. Rooms do not wait for each other. Retries reuse
 * the `clientId`, so a command the server already has is never stored
 * twice.
 */
export class Outbox {
  /** Resolves once the store's entries are loaded. */
  readonly ready: Promise<void>
  readonly #items = new Map<string, Item>()
  #loaded = false
  #lastAt = 0
  #wake: ReturnType<typeof setTimeout> | undefined
  readonly #store: OutboxStore
  readonly #hooks: OutboxHooks
  readonly #options: OutboxOptions

  constructor(options: OutboxOptions, hooks: OutboxHooks) {
    this.#store = options.outbox
    this.#hooks = hooks
    this.#options = options
    this.ready = this.#store
      .load()
      .then(
        (entries) => this.#restore(entries),
        (cause) => this.#failed(cause),
      )
      .then(() => {
        this.#loaded = true
        this.flush()
      })
  }

  /** Queues a command; resolves with its ack, rejects if refused for good. */
  add(frame: CommandFrame): Promise<AckFrame> {
    this.#lastAt = Math.max(Date.now(), this.#lastAt + 1)
    const item = this.#track({
      frame,
      user: this.#hooks.user(),
      at: this.#lastAt,
    })
    this.#save(item.entry)
    this.#hooks.changed(frame.room)
    this.flush()
    return item.waiter.promise
  }

  /** Sends whatever may go now. Called when online and after each reply. */
  flush(): void {
    clearTimeout(this.#wake)
    const user = this.#hooks.user()
    if (!this.#loaded || user === null) return

    const now = Date.now()
    const busy = new Set<string>()
    let wakeAt = Infinity
    for (const item of this.#items.values()) {
      const { entry } = item
      const { room } = entry.frame
      if (busy.has(room) || !this.#mine(entry, user)) continue
      if (item.state === 'failed' || item.state === 'accepted') continue
      busy.add(room)
      if (item.state === 'sent') continue
      if (item.retryAt > now) {
        wakeAt = Math.min(wakeAt, item.retryAt)
        continue
      }
      if (!this.#hooks.post(entry.frame)) return
      if (entry.user === null) {
        item.entry = { ...entry, user }
        this.#save(item.entry)
      }
      item.state = 'sent'
      item.timer = setTimeout(
        () => this.#resend(item),
        this.#options.requestTimeoutMs,
      )
    }
    if (wakeAt < Infinity)
      this.#wake = setTimeout(() => this.flush(), wakeAt - now)
  }

  /** Handles a reply to a command; false when it is not about one of ours. */
  receive(frame: AcceptedFrame | AckFrame | ErrorFrame): boolean {
    const item =
      frame.clientId === undefined ? undefined : this.#items.get(frame.clientId)
    if (!item) return false

    clearTimeout(item.timer)
    if (frame.op === 'ack') this.#acked(item, frame)
    else if (frame.op === 'error') this.#refused(item, errorFromFrame(frame))
    else if (item.state === 'sent') item.state = 'accepted'
    this.flush()
    return true
  }

  /** The socket closed: whatever was on its way is sent again later. */
  disconnected(): void {
    clearTimeout(this.#wake)
    for (const item of this.#items.values()) {
      clearTimeout(item.timer)
      if (item.state === 'sent' || item.state === 'accepted') {
        item.state = 'queued'
      }
    }
  }

  /** The queued entry with this `clientId`, if any. */
  entry(clientId: string): OutboxEntry | undefined {
    return this.#items.get(clientId)?.entry
  }

  /** Queues a failed command again, with the same `clientId`. */
  retry(clientId: string): Promise<AckFrame> {
    const item = this.#items.get(clientId)
    if (item?.state !== 'failed') {
      const problem = `No failed command ${clientId}`
      return Promise.reject(new AlgochatError('not_found', problem))
    }
    // A fresh item keeps the command's place in the queue.
    const fresh = this.#track(item.entry)
    this.#hooks.changed(item.entry.frame.room)
    this.flush()
    return fresh.waiter.promise
  }

  /** Drops a failed command; false when there is none with this id. */
  discard(clientId: string): boolean {
    const item = this.#items.get(clientId)
    if (item?.state !== 'failed') return false
    this.#remove(item)
    return true
  }

  /** Pending sends of a room, oldest first; same objects until they change. */
  pending(room: string): PendingMessage[] {
    const user = this.#hooks.user()
    const list: PendingMessage[] = []
    for (const item of this.#items.values()) {
      const { frame } = item.entry
      if (frame.room !== room || frame.op !== 'send') continue
      if (!this.#mine(item.entry, user)) continue
      const status = item.state === 'failed' ? 'failed' : 'pending'
      list.push(
        (item.view ??= pendingView(frame, item.entry.at, status, item.error)),
      )
    }
    return list
  }

  /** Before the user is known (null), every entry may be theirs. */
  #mine(entry: OutboxEntry, user: string | null): boolean {
    return user === null || entry.user === null || entry.user === user
  }

  #acked(item: Item, ack: AckFrame): void {
    this.#hooks.acked(item.entry, ack)
    this.#remove(item)
    item.waiter.resolve(ack)
  }

  #refused(item: Item, error: AlgochatError): void {
    item.error = error
    if (error.retryable) {
      item.state = 'queued'
      const { reconnectBaseMs, reconnectMaxMs } = this.#options
      item.retryAt =
        Date.now() +
        backoffDelay(item.attempts++, reconnectBaseMs, reconnectMaxMs)
    } else {
      item.state = 'failed'
      item.waiter.reject(error)
    }
    this.#update(item)
  }

  #resend(item: Item): void {
    if (item.state !== 'sent') return
    item.state = 'queued'
    this.flush()
  }

  #track(entry: OutboxEntry): Item {
    const item: Item = {
      entry,
      state: 'queued',
      error: null,
      attempts: 0,
      retryAt: 0,
      waiter: deferred(),
    }
    this.#items.set(entry.frame.clientId, item)
    return item
  }

  /** Puts stored entries ahead of anything queued while they loaded. */
  #restore(entries: OutboxEntry[]): void {
    const queuedMeanwhile = [...this.#items.values()]
    this.#items.clear()
    for (const entry of entries.sort((a, b) => a.at - b.at)) {
      this.#track(entry)
      this.#lastAt = Math.max(this.#lastAt, entry.at)
      this.#hooks.changed(entry.frame.room)
    }
    for (const item of queuedMeanwhile) {
      this.#items.set(item.entry.frame.clientId, item)
    }
  }

  #remove(item: Item): void {
    const { clientId, room } = item.entry.frame
    this.#items.delete(clientId)
    this.#hooks.changed(room)
    this.#store.delete(clientId).catch((cause) => this.#failed(cause))
  }

  #update(item: Item): void {
    item.view = undefined
    this.#hooks.changed(item.entry.frame.room)
  }

  #save(entry: OutboxEntry): void {
    this.#store.put(entry).catch((cause) => this.#failed(cause))
  }

  #failed(cause: unknown): void {
    this.#hooks.error(
      new AlgochatError('store_unavailable', 'Outbox store failed', { cause }),
    )
  }
}
