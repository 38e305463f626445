import type {
  AckFrame,
  AlgochatError,
  HistoryResultFrame,
  PresenceFrame,
  ReadReceiptFrame,
  RoomEvent,
  SendFrame,
  SubscribedFrame,
  TypingEventFrame,
} from '@algochat/protocol'
import { MessageList, type ChatMessage } from '../store/message-list.js'
import type { OutboxEntry } from '../store/outbox-store.js'
import type { PendingMessage } from '../store/outbox.js'
import { Deliveries } from './deliveries.js'
import type { RoomContext } from './room-context.js'
import type { RoomState } from './room-state.js'
import { SeqWindow } from './seq-window.js'
import { TypingTracker } from './typing.js'

/** Ephemeral frames about a room. */
export type SignalFrame = TypingEventFrame | PresenceFrame | ReadReceiptFrame

/**
 * One room's state and how events change it. Events go through a seq
 * window, so each is applied once and in order; every change drops the
 * snapshot, the next read of `state` builds a new one, and listeners hear
 * of a burst of changes once.
 */
export class RoomStore {
  readonly id: string
  readonly list = new MessageList()
  readonly seqs = new SeqWindow()
  readonly typers: TypingTracker
  /** While an older page loads: events whose target is not loaded yet. */
  orphans: RoomEvent[] | undefined
  readonly #ctx: RoomContext
  readonly #deliveries: Deliveries
  readonly #listeners = new Set<() => void>()
  #online: readonly string[] = []
  #readBy: Readonly<Record<string, number>> = {}
  #lastSeq = 0
  #hasOlder = false
  #synced = false
  #error: AlgochatError | null = null
  #snapshot: RoomState | undefined
  #pending: readonly PendingMessage[] | undefined
  #notifying = false

  constructor(id: string, ctx: RoomContext) {
    this.id = id
    this.#ctx = ctx
    this.#deliveries = new Deliveries(ctx.user)
    const { typingThrottleMs, typingTimeoutMs } = ctx.options
    this.typers = new TypingTracker(typingThrottleMs, typingTimeoutMs, () =>
      this.#changed(),
    )
  }

  get state(): RoomState {
    return (this.#snapshot ??= {
      messages: this.list.all(),
      pending: (this.#pending ??= [
        ...this.#deliveries.views(),
        ...this.#ctx.outbox.pending(this.id),
      ]),
      typing: this.typers.users,
      online: this.#online,
      readBy: this.#readBy,
      readSeq: this.list.readSeq,
      unread: this.list.unread(this.#ctx.user()),
      lastSeq: Math.max(this.#lastSeq, this.seqs.last),
      hasOlder: this.#hasOlder,
      synced: this.#synced,
      error: this.#error,
    })
  }

  /** Adds a listener; returns whether it is the first. */
  listen(listener: () => void): boolean {
    this.#listeners.add(listener)
    return this.#listeners.size === 1
  }

  /** Removes a listener; returns whether it was the last. */
  unlisten(listener: () => void): boolean {
    return this.#listeners.delete(listener) && !this.#listeners.size
  }

  /** Applies events in seq order, each once; later ones wait for a gap. */
  take(events: readonly RoomEvent[]): void {
    this.#apply(this.seqs.accept(events))
  }

  #apply(ready: readonly RoomEvent[]): void {
    if (!ready.length) return
    const me = this.#ctx.user()
    for (const event of ready) {
      if (event.kind !== 'message' && !this.list.get(event.target)) {
        this.orphans?.push(event)
      } else {
        this.list.apply(event)
      }
      // Own events double as acks: they may arrive before the ack frame.
      if (event.user === me) {
        const { room, clientId, id, seq } = event
        this.#ctx.outbox.receive({ op: 'ack', room, clientId, id, seq })
      }
      if (event.kind === 'message') {
        this.typers.stopped(event.user)
        this.#arrived(event.id)
      }
    }
    this.#changed()
  }

  /** A history page; `fresh` when it is the room's first, newest page. */
  history(page: HistoryResultFrame, fresh: boolean): void {
    // A first page replaces whatever an earlier loadOlder() brought, so no
    // hole can hide between the two.
    if (fresh && this.list.size) this.list.clear()
    for (const message of page.messages) {
      this.list.insert(message, fresh)
      this.#arrived(message.id)
    }
    this.#hasOlder = page.more
    if (fresh) this.#apply(this.seqs.reset(this.list.newest?.seq ?? 0))
    // Events that found no target while this page loaded may touch it.
    for (const event of this.orphans ?? []) this.list.apply(event)
    this.orphans = undefined
    this.#changed()
  }

  subscribed(frame: SubscribedFrame): void {
    this.#online = frame.online
    this.#lastSeq = Math.max(this.#lastSeq, frame.lastSeq)
    // A read marked while offline reaches the server now.
    const { readSeq } = this.list
    if (frame.readSeq < readSeq) {
      this.#ctx.post({ op: 'read', room: this.id, seq: readSeq })
    }
    this.list.read(frame.readSeq)
    this.take(frame.events)
    this.#changed()
  }

  synced(synced: boolean, error?: AlgochatError): void {
    this.#synced = synced
    if (error || synced) this.#error = error ?? null
    if (error) this.#ctx.report(error)
    this.#changed()
  }

  get failed(): boolean {
    return this.#error !== null
  }

  signal(frame: SignalFrame): void {
    const me = this.#ctx.user()
    if (frame.op === 'typing') {
      if (frame.user !== me) this.typers.seen(frame.user)
      return
    }
    if (frame.op === 'presence') {
      if (this.#online.includes(frame.user) === frame.online) return
      this.#online = frame.online
        ? [...this.#online, frame.user]
        : this.#online.filter((id) => id !== frame.user)
    } else if (frame.user === me) {
      this.list.read(frame.seq)
    } else {
      const seq = Math.max(this.#readBy[frame.user] ?? 0, frame.seq)
      this.#readBy = { ...this.#readBy, [frame.user]: seq }
    }
    this.#changed()
  }

  /** Moves the read watermark forward; false when `seq` is not ahead. */
  read(seq: number): boolean {
    if (!this.list.read(seq)) return false
    this.#changed()
    return true
  }

  /** A send of this room was stored; it stays pending until its event. */
  acked(entry: OutboxEntry, ack: AckFrame): void {
    if (this.list.get(ack.id)) return
    this.#deliveries.add(entry, ack)
    this.pendingChanged()
  }

  /** The stored message of a send, once it is known. */
  delivered(ack: AckFrame, frame: SendFrame): Promise<ChatMessage> {
    const known = this.list.get(ack.id)
    return known ? Promise.resolve(known) : this.#deliveries.result(ack, frame)
  }

  /** Stops waiting for events of stored sends (the room stopped listening). */
  settle(): void {
    if (this.#deliveries.settle()) this.pendingChanged()
  }

  pendingChanged(): void {
    this.#pending = undefined
    this.#changed()
  }

  #arrived(id: string): void {
    const message = this.list.get(id)
    if (message && this.#deliveries.arrived(message)) this.pendingChanged()
  }

  #changed(): void {
    this.#snapshot = undefined
    if (this.#notifying) return
    this.#notifying = true
    queueMicrotask(() => {
      this.#notifying = false
      for (const listener of [...this.#listeners]) listener()
    })
  }
}
