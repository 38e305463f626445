import { AlgochatError } from '@algochat/protocol'
import type {
  AckFrame,
  DeleteFrame,
  EditFrame,
  EventFrame,
  ReactFrame,
  SendFrame,
} from '@algochat/protocol'
import { createClientId } from '../client-id.js'
import type { ChatMessage } from '../store/message-list.js'
import type { OutboxEntry } from '../store/outbox-store.js'
import type { RoomContext } from './room-context.js'
import type { RoomState } from './room-state.js'
import { RoomStore, type SignalFrame } from './room-store.js'
import { RoomSync } from './room-sync.js'

/** Optional parts of a message. */
export interface SendOptions {
  /** Id of the message this one replies to. */
  parent?: string
  /** Ids of users mentioned in the text. */
  mentions?: string[]
}

/** Moderation actions on a member. */
export type ModerationAction = 'ban' | 'unban' | 'mute' | 'unmute'

/**
 * One room: its state, and the commands that change it. Get it with
 * `client.room(id)` (never `new Room`); the handle is the same for the life
 * of the client.
 */
export class Room {
  /** The room id. */
  readonly id: string
  readonly #ctx: RoomContext
  readonly #store: RoomStore
  readonly #sync: RoomSync

  /** @internal */
  constructor(id: string, ctx: RoomContext) {
    this.id = id
    this.#ctx = ctx
    this.#store = new RoomStore(id, ctx)
    this.#sync = new RoomSync(this.#store, ctx)
  }

  /** The current snapshot; the same object until something changes. */
  get state(): RoomState {
    return this.#store.state
  }

  /**
   * Calls `listener` after each change of `state`. The first listener
   * subscribes to the room on the server (and again after every
   * reconnect); removing the last one unsubscribes.
   * @returns A function that removes the listener.
   */
  subscribe(listener: () => void): () => void {
    if (this.#store.listen(listener)) this.#sync.start()
    return () => {
      if (!this.#store.unlisten(listener)) return
      this.#sync.stop()
      this.#store.settle()
    }
  }

  /**
   * Sends a message. It shows in `state.pending` at once, is queued while
   * offline, and is retried with the same `clientId` until stored.
   * @returns The stored message; rejects if the server refuses it for good.
   */
  send(text: string, options: SendOptions = {}): Promise<ChatMessage> {
    // Refused here what the server would refuse for good anyway.
    const max = this.#ctx.limits().maxTextLength
    if (!text.trim()) {
      return Promise.reject(new AlgochatError('invalid_field', 'Text is empty'))
    }
    if (text.length > max) {
      const problem = `Text is longer than ${max} characters`
      return Promise.reject(new AlgochatError('text_too_long', problem))
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
      .then((ack) => this.#store.delivered(ack, frame))
  }

  /** Sends a failed message again, with its original `clientId`. */
  retry(clientId: string): Promise<ChatMessage> {
    const frame = this.#ctx.outbox.entry(clientId)?.frame
    if (frame?.op !== 'send') {
      const problem = `No failed message ${clientId}`
      return Promise.reject(new AlgochatError('not_found', problem))
    }
    return this.#ctx.outbox
      .retry(clientId)
      .then((ack) => this.#store.delivered(ack, frame))
  }

  /** Drops a failed message from `pending`; false when there is none. */
  discard(clientId: string): boolean {
    return this.#ctx.outbox.discard(clientId)
  }

  /** Replaces the text of message `id`. */
  edit(id: string, text: string): Promise<void> {
    return this.#command({ op: 'edit', ...this.#ids(), target: id, text })
  }

  /** Deletes message `id`; it stays in `messages` with `deleted: true`. */
  delete(id: string): Promise<void> {
    return this.#command({ op: 'delete', ...this.#ids(), target: id })
  }

  /**
   * Adds (or with `on = false` takes back) this user's reaction.
   * @param on Whether the reaction is added. @default true
   */
  react(id: string, emoji: string, on = true): Promise<void> {
    return this.#command({
      op: 'react',
      ...this.#ids(),
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
   * Marks everything up to `seq` as read and tells the server; a seq at
   * or below the current watermark changes nothing.
   * @param seq @default the newest applied seq
   */
  markRead(seq: number = this.#store.seqs.last): void {
    if (this.#store.read(seq)) {
      this.#ctx.post({ op: 'read', room: this.id, seq })
    }
  }

  /** Tells others this user is typing; safe to call on every keystroke. */
  typing(): void {
    if (this.#store.typers.shouldSend()) {
      this.#ctx.post({ op: 'typing', room: this.id })
    }
  }

  /** Joins this (public) room; a failed subscription is retried after. */
  async join(): Promise<void> {
    await this.#ctx.request({ op: 'join', room: this.id })
    if (this.#store.failed) this.#sync.resume()
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
  receive(frame: EventFrame | SignalFrame): void {
    if (!this.#sync.active) return
    if (frame.op === 'event') {
      this.#store.take([frame.event])
      if (this.#store.seqs.gap) this.#sync.fill()
    } else {
      this.#store.signal(frame)
      // A receipt may name a seq this client has not seen yet.
      if (frame.op === 'read') this.#sync.expect(frame.seq)
    }
  }

  /** @internal Online again: subscribe and catch up. */
  resume(): void {
    this.#sync.resume()
  }

  /** @internal The socket closed. */
  disconnected(): void {
    this.#sync.abort()
    this.#store.typers.clear()
  }

  /** @internal A command of this room was acknowledged. */
  acked(entry: OutboxEntry, ack: AckFrame): void {
    this.#sync.expect(ack.seq)
    if (entry.frame.op === 'send' && this.#sync.active) {
      this.#store.acked(entry, ack)
    }
  }

  /** @internal The outbox changed this room's pending sends. */
  pendingChanged(): void {
    this.#store.pendingChanged()
  }

  #ids(): { room: string; clientId: string } {
    return { room: this.id, clientId: createClientId() }
  }

  #command(frame: EditFrame | DeleteFrame | ReactFrame): Promise<void> {
    return this.#ctx.outbox.add(frame).then(() => undefined)
  }
}
