import type { AckFrame, MessageEvent, SendFrame } from '@algochat/protocol'
import { deferred, type Deferred } from '../deferred.js'
import type { ChatMessage } from '../store/message-list.js'
import type { OutboxEntry } from '../store/outbox-store.js'
import { pendingView, type PendingMessage } from '../store/outbox.js'

interface Delivery {
  frame: SendFrame
  ack: AckFrame
  view: PendingMessage
  message: Deferred<ChatMessage>
}

/**
 * Sends the server has stored whose event the room has not applied yet.
 * Until it is, each shows in `pending` as `sent`, so a message never
 * blinks out of view between its ack and its event.
 */
export class Deliveries {
  readonly #waiting = new Map<string, Delivery>()
  readonly #user: () => string | null

  constructor(user: () => string | null) {
    this.#user = user
  }

  /** Views of the sends still waiting, oldest first. */
  views(): PendingMessage[] {
    return [...this.#waiting.values()].map((delivery) => delivery.view)
  }

  /** The send `entry` was stored as `ack`; its event is on its way. */
  add(entry: OutboxEntry, ack: AckFrame): void {
    const { frame } = entry
    if (frame.op !== 'send') return
    this.#waiting.set(ack.id, {
      frame,
      ack,
      view: pendingView(frame, entry.at, 'sent'),
      message: deferred(),
    })
  }

  /** Message `message` was applied; false when no send waited for it. */
  arrived(message: ChatMessage): boolean {
    const delivery = this.#waiting.get(message.id)
    if (!delivery) return false
    this.#waiting.delete(message.id)
    delivery.message.resolve(message)
    return true
  }

  /** The stored message of a send: once its event is applied, if it waits. */
  result(ack: AckFrame, frame: SendFrame): Promise<ChatMessage> {
    const delivery = this.#waiting.get(ack.id)
    if (delivery) return delivery.message.promise
    return Promise.resolve(this.#unconfirmed(ack, frame))
  }

  /**
   * The room stopped listening, so the events will not be applied here:
   * resolves every waiting send with what is known without its event.
   */
  settle(): boolean {
    for (const { frame, ack, message } of this.#waiting.values()) {
      message.resolve(this.#unconfirmed(ack, frame))
    }
    const any = this.#waiting.size > 0
    this.#waiting.clear()
    return any
  }

  /** The stored message as far as it is known without its event. */
  #unconfirmed(ack: AckFrame, frame: SendFrame): ChatMessage {
    const { op: _op, ref: _ref, ...message } = frame
    const stored: MessageEvent = {
      ...message,
      kind: 'message',
      id: ack.id,
      seq: ack.seq,
      user: this.#user() ?? '',
      at: Date.now(),
    }
    return stored
  }
}
