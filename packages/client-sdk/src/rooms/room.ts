import { AlgochatError } from '@algochat/protocol'
import type {
  AckFrame,
  DeleteFrame,
  EditFrame,
  EventFrame,
  HistoryResultFrame,
  MessageEvent,
  PresenceFrame,
  ReactFrame,
  ReadReceiptFrame,
  RoomEvent,
  SendFrame,
  SubscribedFrame,
  TypingEventFrame,
} from '@algochat/protocol'
import { createClientId } from '../client-id.js'
import { deferred, type Deferred } from '../deferred.js'
import { MessageList, type ChatMessage } from '../store/message-list.js'
import type { OutboxEntry } from '../store/outbox-store.js'
import type { PendingMessage } from '../store/outbox.js'
import type { RoomContext } from './room-context.js'
import type { RoomState } from './room-state.js'
import { RoomSync } from './room-sync.js'
import { SeqWindow } from './seq-window.js'
import { TypingTracker } from './typing.js'

/** Optional parts of a message. */
export interface SendOptions {
  /** Id of the message this one replies to. */
  parent?: string
  /** Ids of users mentioned in the text. */
  mentions?: string[]
}

/** Moderation actions on a member. */
export type ModerationAction = 'ban' | 'unban' | 'mute' | 'unmute'

/** The frames the client routes to a room. */
export type RoomFrame =
  | EventFrame
  | TypingEventFrame
  | PresenceFrame
  | ReadReceiptFrame

/** A send the server stored whose event has not been applied yet. */
interface Delivery {
  frame: SendFrame
  ack: AckFrame
  view: PendingMessage
  message: Deferred<ChatMessage>
}

/**
 * One room: its state, and the commands that change it. Get it with
 * `client.room(id)`; the handle is the same for the life of the client.
 */
export class Room {
  /** The room id. */
  readonly id: string
  /** @internal */
  readonly list = new MessageList()
  /** @internal */
  readonly seqs = new SeqWindow()
  readonly #sync: RoomSync
  readonly #typers: TypingTracker
  readonly #listeners = new Set<() => void>()
  readonly #deliveries = new Map<string, Delivery>()
  #online: readonly string[] = []
  #readBy: Readonly<Record<string, number>> = {}
  #readSeq = 0
  #lastSeq = 0
  #hasOlder = false
  #isSynced = false
  #error: AlgochatError | null = null
  #snapshot: RoomState | undefined
  #pendingView: readonly PendingMessage[] | undefined
  #notifying = false
  readonly #ctx: RoomContext

  /** @internal */
  constructor(id: string, ctx: RoomContext) {
    this.#ctx = ctx
    this.id = id
    const { typingThrottleMs, typingTimeoutMs } = ctx.options
    this.#typers = new TypingTracker(typingThrottleMs, typingTimeoutMs, () =>
      this.#changed(),
    )
    this.#sync = new RoomSync(this, ctx)
  }

  /** The current snapshot; the same object until something changes. */
  get state(): RoomState {
    return (this.#snapshot ??= {
      messages: this.list.all(),
      pending: (this.#pendingView ??= [
        ...[...this.#deliveries.values()].map((delivery) => delivery.view),
        ...this.#ctx.outbox.pending(this.id),
      ]),
      typing: this.#typers.users,
      online: this.#online,
      readBy: this.#readBy,
      readSeq: this.#readSeq,
      unread: this.#unread(),
      lastSeq: Math.max(this.#lastSeq, this.seqs.last),
      hasOlder: this.#hasOlder,
      synced: this.#isSynced,
      error: this.#error,
    })
  }

  /**
   * Calls `listener` after each change of `state`. The first listener
   * subscribes to the room on the server (and again after every
   * reconnect); removing the last one unsubscribes.
   * @returns A function that removes the listener.
   */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    if (!this.#sync.active) this.#sync.start()
    return () => {
      if (this.#listeners.delete(listener) && !this.#listeners.size) {
        this.#sync.stop()
        this.#settleDeliveries()
      }
    }
  }

  /**
   * Sends a message. It shows in `state.pending` at once, is queued while
   * offline, and is retried with the same `clientId` until stored.
   * @returns The stored message; rejects if the server refuses it for good.
   */
  send(text: string, options: SendOptions = {}): Promise<ChatMessage> {
    const max = this.#ctx.limits().maxTextLength
    if (text.length > max) {
      return Promise.reject(new AlgochatError('text_too_long'))
    }
    const frame: SendFrame = {
      op: 'send',
      room: this.id,
      clientId: createClientId(),
      text,
      ...options,
    }
    return this.#ctx.outbox
      .add(frame)
      .then((ack) => this.#delivered(ack, frame))
  }

  /** Sends a failed message again, with its original `clientId`. */
  retry(clientId: string): Promise<ChatMessage> {
    const frame = this.#ctx.outbox.entry(clientId)?.frame
    if (frame?.op !== 'send') {
      return Promise.reject(
        new AlgochatError('not_found', 'No failed message with this clientId'),
      )
    }
    return this.#ctx.outbox
      .retry(clientId)
      .then((ack) => this.#delivered(ack, frame))
  }

  /** Drops a failed message from `pending`; false when there is none. */
  discard(clientId: string): boolean {
    return this.#ctx.outbox.discard(clientId)
  }

  /** Replaces the text of message `id`. */
  edit(id: string, text: string): Promise<void> {
    const clientId = createClientId()
    return this.#command({
      op: 'edit',
      room: this.id,
      clientId,
      target: id,
      text,
    })
  }

  /** Deletes message `id`; it stays in `messages` with `deleted: true`. */
  delete(id: string): Promise<void> {
    const clientId = createClientId()
    return this.#command({ op: 'delete', room: this.id, clientId, target: id })
  }

  /**
   * Adds (or with `on = false` takes back) this user's reaction.
   * @param on Whether the reaction is added. @default true
   */
  react(id: string, emoji: string, on = true): Promise<void> {
    const clientId = createClientId()
    return this.#command({
      op: 'react',
      room: this.id,
      clientId,
      target: id,
      emoji,
      on,
    })
  }

  /** Loads the page of messages before the oldest loaded one. */
  loadOlder(): Promise<void> {
    return this.#sync.loadOlder()
  }

  /**
   * Marks everything up to `seq` as read and tells the server; lower seqs
   * than the current watermark are ignored.
   * @param seq @default the newest applied seq
   */
  markRead(seq: number = this.seqs.last): void {
    if (seq <= this.#readSeq) return
    this.#readSeq = seq
    this.#ctx.post({ op: 'read', room: this.id, seq })
    this.#changed()
  }

  /** Tells others this user is typing; safe to call on every keystroke. */
  typing(): void {
    if (this.#typers.shouldSend())
      this.#ctx.post({ op: 'typing', room: this.id })
  }

  /** Joins this (public) room; a failed subscription is retried after. */
  async join(): Promise<void> {
    await this.#ctx.request({ op: 'join', room: this.id })
    if (this.#error) this.#sync.resume()
  }

  /** Leaves this room. */
  async leave(): Promise<void> {
    await this.#ctx.request({ op: 'leave', room: this.id })
  }

  /** Adds `user` to this room. */
  async invite(user: string): Promise<void> {
    await this.#ctx.request({ op: 'invite', room: this.id, user })
  }

  /**
   * Bans, unbans, mutes or unmutes a member (moderators and owners).
   * @param seconds Until the ban or mute ends. @default forever
   */
  async moderate(
    action: ModerationAction,
    user: string,
    seconds?: number,
  ): Promise<void> {
    await this.#ctx.request({
      op: action,
      room: this.id,
      user,
      ...(seconds !== undefined && { seconds }),
    })
  }

  /** @internal Routes a frame from the client. */
  receive(frame: RoomFrame): void {
    if (!this.#sync.active) return
    const me = this.#ctx.user()
    switch (frame.op) {
      case 'event':
        return this.take([frame.event])
      case 'typing':
        if (frame.user !== me) this.#typers.seen(frame.user)
        return
      case 'presence':
        return this.#presence(frame.user, frame.online)
      case 'read':
        if (frame.user === me) {
          this.#readSeq = Math.max(this.#readSeq, frame.seq)
        } else {
          const seq = Math.max(this.#readBy[frame.user] ?? 0, frame.seq)
          this.#readBy = { ...this.#readBy, [frame.user]: seq }
        }
        this.#sync.expect(frame.seq)
        this.#changed()
    }
  }

  /** @internal Online again: subscribe and catch up. */
  resume(): void {
    this.#sync.resume()
  }

  /** @internal The socket closed. */
  disconnected(): void {
    this.#sync.abort()
    this.#typers.clear()
  }

  /** @internal A command of this room was acknowledged. */
  acked(entry: OutboxEntry, ack: AckFrame): void {
    this.#sync.expect(ack.seq)
    const { frame } = entry
    if (frame.op !== 'send' || this.list.get(ack.id) || !this.#sync.active) {
      return
    }
    const { op: _op, ref: _ref, ...message } = frame
    this.#deliveries.set(ack.id, {
      frame,
      ack,
      view: { ...message, at: entry.at, status: 'sent', error: null },
      message: deferred(),
    })
    this.pendingChanged()
  }

  /** @internal The outbox changed this room's pending sends. */
  pendingChanged(): void {
    this.#pendingView = undefined
    this.#changed()
  }

  /** @internal */
  take(events: readonly RoomEvent[]): void {
    this.#apply(this.seqs.accept(events))
    if (this.seqs.gap) this.#sync.fill()
  }

  /** @internal */
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
    this.#changed()
  }

  /** @internal */
  reapply(events: readonly RoomEvent[]): void {
    for (const event of events) this.list.apply(event)
    if (events.length) this.#changed()
  }

  /** @internal */
  subscribed(frame: SubscribedFrame): void {
    this.#online = frame.online
    this.#lastSeq = Math.max(this.#lastSeq, frame.lastSeq)
    // A read marked while offline reaches the server now.
    if (frame.readSeq < this.#readSeq) {
      this.#ctx.post({ op: 'read', room: this.id, seq: this.#readSeq })
    }
    this.#readSeq = Math.max(this.#readSeq, frame.readSeq)
    this.take(frame.events)
    this.#changed()
  }

  /** @internal */
  synced(synced: boolean, error?: AlgochatError): void {
    this.#isSynced = synced
    if (error || synced) this.#error = error ?? null
    if (error) this.#ctx.report(error)
    this.#changed()
  }

  #command(frame: EditFrame | DeleteFrame | ReactFrame): Promise<void> {
    return this.#ctx.outbox.add(frame).then(() => undefined)
  }

  #apply(events: readonly RoomEvent[]): void {
    if (!events.length) return
    const me = this.#ctx.user()
    for (const event of events) {
      if (event.kind !== 'message' && !this.list.get(event.target)) {
        this.#sync.orphan(event)
      } else {
        this.list.apply(event)
      }
      if (event.user === me) this.#confirm(event)
      if (event.kind === 'message') {
        this.#typers.stopped(event.user)
        this.#arrived(event.id)
      }
    }
    this.#changed()
  }

  /** Own events double as acks: they may arrive before the ack frame. */
  #confirm(event: RoomEvent): void {
    const { room, clientId, id, seq } = event
    this.#ctx.outbox.receive({ op: 'ack', room, clientId, id, seq })
  }

  #arrived(id: string): void {
    const delivery = this.#deliveries.get(id)
    if (!delivery) return
    this.#deliveries.delete(id)
    delivery.message.resolve(this.list.get(id)!)
    this.pendingChanged()
  }

  #delivered(ack: AckFrame, frame: SendFrame): Promise<ChatMessage> {
    const known = this.list.get(ack.id)
    if (known) return Promise.resolve(known)
    const delivery = this.#deliveries.get(ack.id)
    if (delivery) return delivery.message.promise
    return Promise.resolve(this.#unconfirmed(ack, frame))
  }

  /**
   * Resolves sends still waiting for their event when the room stops
   * listening: they are stored, only not applied here.
   */
  #settleDeliveries(): void {
    for (const { frame, ack, message } of this.#deliveries.values()) {
      message.resolve(this.#unconfirmed(ack, frame))
    }
    this.#deliveries.clear()
    this.pendingChanged()
  }

  /** The stored message as far as this client knows it without its event. */
  #unconfirmed(ack: AckFrame, frame: SendFrame): ChatMessage {
    const { op: _op, ref: _ref, ...message } = frame
    const stored: MessageEvent = {
      ...message,
      kind: 'message',
      id: ack.id,
      seq: ack.seq,
      user: this.#ctx.user() ?? '',
      at: Date.now(),
    }
    return stored
  }

  #presence(user: string, online: boolean): void {
    const known = this.#online.includes(user)
    if (known === online) return
    this.#online = online
      ? [...this.#online, user]
      : this.#online.filter((id) => id !== user)
    this.#changed()
  }

  #unread(): number {
    const me = this.#ctx.user()
    const messages = this.list.all()
    let count = 0
    for (let i = this.list.after(this.#readSeq); i < messages.length; i++) {
      const message = messages[i]!
      if (message.user !== me && !message.deleted) count++
    }
    return count
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
