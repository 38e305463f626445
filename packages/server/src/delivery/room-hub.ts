import type { RoomEvent, ServerFrame } from '@algochat/protocol'
import type { Logger } from 'pino'
import type { Metrics } from '../observability/metrics.js'
import type { FanoutBus } from '../ports/fanout-bus.js'
import type { MessageStore } from '../ports/message-store.js'
import { roomKey } from '../sequencer/room-key.js'
import { roomChannel, type RoomBusMessage } from './bus-messages.js'
import type { Connection } from './connection.js'
import type { PendingAcks } from './pending-acks.js'

interface LocalRoom {
  app: string
  room: string
  subscribers: Set<Connection>
}

export interface RoomHubDeps {
  bus: FanoutBus
  messages: MessageStore
  acks: PendingAcks
  metrics: Metrics
  logger: Logger
  /** Local subscribers past which presence changes are not written. */
  presenceLimit: number
}

/**
 * The rooms this node has local interest in: sockets subscribed to them,
 * or commands waiting for their ack. The node follows a room's bus
 * channel exactly while it has such interest, and writes each event it
 * receives to every local subscriber with one serialized frame.
 */
export class RoomHub {
  readonly #deps: RoomHubDeps
  readonly #rooms = new Map<string, LocalRoom>()
  readonly #followed = new Map<string, Promise<void>>()
  /** Highest seq this node has seen per followed room. */
  readonly #lastSeq = new Map<string, number>()

  constructor(deps: RoomHubDeps) {
    this.#deps = deps
  }

  /** Local subscriber count, for metrics and tests. */
  subscribers(app: string, room: string): number {
    return this.#rooms.get(roomKey(app, room))?.subscribers.size ?? 0
  }

  async subscribe(connection: Connection, app: string, room: string) {
    const key = roomKey(app, room)
    let local = this.#rooms.get(key)
    if (!local) {
      local = { app, room, subscribers: new Set() }
      this.#rooms.set(key, local)
    }
    local.subscribers.add(connection)
    connection.rooms.add(room)
    await this.#follow(key, app, room)
  }

  async unsubscribe(connection: Connection, app: string, room: string) {
    const key = roomKey(app, room)
    connection.rooms.delete(room)
    const local = this.#rooms.get(key)
    if (!local) return

    local.subscribers.delete(connection)
    if (local.subscribers.size === 0) this.#rooms.delete(key)
    await this.#unfollowIfIdle(key, app, room)
  }

  /** Registers a command's waiter and makes sure its event will be seen. */
  async expectAck(
    connection: Connection,
    app: string,
    room: string,
    clientId: string,
    ref: string | undefined,
  ): Promise<void> {
    const key = roomKey(app, room)
    this.#deps.acks.add(key, connection.user.user, clientId, connection, ref)
    await this.#follow(key, app, room)
  }

  /** Records a seq the node knows is stored, as the base for repairs. */
  noteSeq(app: string, room: string, seq: number): void {
    const key = roomKey(app, room)
    if (seq > (this.#lastSeq.get(key) ?? 0)) this.#lastSeq.set(key, seq)
  }

  /**
   * After the bus lost messages (it reconnected), reads from the store
   * every event each followed room got since the last one this node saw,
   * and delivers them as if they had come over the bus. Subscribers and
   * waiting senders never notice the outage beyond the delay.
   */
  async repair(): Promise<void> {
    const { messages, logger } = this.#deps
    for (const [key, local] of this.#rooms) {
      let after = this.#lastSeq.get(key) ?? 0
      try {
        for (;;) {
          const page = await messages.replay(local.app, local.room, after, 500)
          this.#deliverEvents(key, local.app, local, page.items)
          after = page.items.at(-1)?.seq ?? after
          if (!page.more) break
        }
      } catch (error) {
        logger.warn({ err: error, room: local.room }, 'repair failed')
      }
    }
  }

  /** Publishes an ephemeral room message (typing, presence, read). */
  async publish(app: string, room: string, message: RoomBusMessage) {
    await this.#deps.bus.publish(
      roomChannel(app, room),
      JSON.stringify(message),
    )
  }

  /** Expires stale ack waiters and stops following rooms left idle. */
  async sweep(): Promise<void> {
    for (const key of this.#deps.acks.sweep()) {
      const [app = '', room = ''] = key.split('|')
      await this.#unfollowIfIdle(key, app, room)
    }
  }

  async #follow(key: string, app: string, room: string): Promise<void> {
    let followed = this.#followed.get(key)
    if (!followed) {
      followed = this.#deps.bus.subscribe(roomChannel(app, room), (payload) =>
        this.#receive(key, app, room, payload),
      )
      this.#followed.set(key, followed)
    }
    await followed
  }

  async #unfollowIfIdle(key: string, app: string, room: string) {
    if (this.#rooms.has(key) || this.#deps.acks.hasRoom(key)) return
    if (!this.#followed.delete(key)) return
    this.#lastSeq.delete(key)
    await this.#deps.bus.unsubscribe(roomChannel(app, room))
  }

  #receive(key: string, app: string, room: string, payload: string): void {
    let message: RoomBusMessage
    try {
      message = JSON.parse(payload) as RoomBusMessage
    } catch (error) {
      this.#deps.logger.warn({ err: error, room }, 'unreadable bus message')
      return
    }

    const local = this.#rooms.get(key)
    switch (message.t) {
      case 'events':
        this.#deliverEvents(key, app, local, message.events)
        return
      case 'typing':
        this.#broadcast(
          local,
          { op: 'typing', room, user: message.user },
          message.user,
        )
        return
      case 'presence':
        if (local && local.subscribers.size > this.#deps.presenceLimit) {
          return
        }
        this.#broadcast(local, {
          op: 'presence',
          room,
          user: message.user,
          online: message.online,
        })
        return
      case 'read':
        this.#broadcast(local, {
          op: 'read',
          room,
          user: message.user,
          seq: message.seq,
        })
        return
    }
  }

  #deliverEvents(
    key: string,
    app: string,
    local: LocalRoom | undefined,
    events: RoomEvent[],
  ): void {
    const { metrics, acks } = this.#deps
    const now = Date.now()

    for (const event of events) {
      if (event.seq > (this.#lastSeq.get(key) ?? 0)) {
        this.#lastSeq.set(key, event.seq)
      }

      if (local) {
        const frame = `{"op":"event","event":${JSON.stringify(event)}}`
        for (const subscriber of local.subscribers) subscriber.sendRaw(frame)
        metrics.delivered.inc(local.subscribers.size)
        metrics.fanoutLatency.observe((now - event.at) / 1000)
      }

      for (const waiter of acks.take(key, event.user, event.clientId)) {
        waiter.connection.send({
          op: 'ack',
          ...(waiter.ref === undefined ? {} : { ref: waiter.ref }),
          room: event.room,
          clientId: event.clientId,
          id: event.id,
          seq: event.seq,
        })
      }
    }

    if (!local) void this.#unfollowIfIdle(key, app, events[0]?.room ?? '')
  }

  /** Sends to every subscriber, except the connections of `skipUser`. */
  #broadcast(
    local: LocalRoom | undefined,
    frame: ServerFrame,
    skipUser?: string,
  ): void {
    if (!local) return
    const data = JSON.stringify(frame)
    for (const subscriber of local.subscribers) {
      if (skipUser !== undefined && subscriber.identity?.user === skipUser) {
        continue
      }
      subscriber.sendRaw(data)
    }
  }
}
