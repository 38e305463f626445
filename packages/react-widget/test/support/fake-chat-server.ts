import {
  ChatClient,
  MemoryOutboxStore,
  type ChatClientOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from '@algochat/client'
import { defaultLimits } from '@algochat/protocol'
import type {
  ClientFrame,
  ErrorCode,
  RoomEvent,
  ServerFrame,
  StoredMessage,
} from '@algochat/protocol'

interface FakeRoom {
  name: string | null
  events: RoomEvent[]
  messages: Map<string, StoredMessage>
  members: Set<string>
  read: Map<string, number>
}

/**
 * An in-memory stand-in for the Algochat server that speaks the real
 * protocol over a fake WebSocket, so component tests run the real SDK
 * (outbox, sync, typing throttle) without a process or a network. Tokens
 * are user ids. The end-to-end tests use the real server.
 */
export class FakeChatServer {
  /** Every frame clients sent, in order. */
  readonly received: ClientFrame[] = []
  /** Sends refused with this code (not retryable) while set. */
  refuseSends: ErrorCode | undefined
  /** The next joins close the connection instead of answering. */
  dropJoins = 0
  /** Server time for new events. */
  now = () => Date.now()
  readonly WebSocket: WebSocketConstructor
  readonly #rooms = new Map<string, FakeRoom>()
  readonly #sockets = new Set<FakeSocket>()
  #ids = 0

  constructor() {
    const attach = (socket: FakeSocket): void => {
      socket.server = this
      this.attach(socket)
    }
    // The SDK constructs sockets itself; each one finds this server here.
    this.WebSocket = class extends FakeSocket {
      constructor(_url: string) {
        super()
        attach(this)
      }
    }
  }

  /** A client of this server for `user`, with quick timings. */
  client(user: string, options: Partial<ChatClientOptions> = {}): ChatClient {
    return new ChatClient({
      url: 'ws://fake.test',
      app: 'test',
      token: user,
      WebSocket: this.WebSocket,
      outbox: new MemoryOutboxStore(),
      reconnectBaseMs: 10,
      reconnectMaxMs: 50,
      historyPageSize: 20,
      ...options,
    })
  }

  room(id: string, members: string[] = [], name: string | null = null): void {
    this.#rooms.set(id, {
      name,
      events: [],
      messages: new Map(),
      members: new Set(members),
      read: new Map(),
    })
  }

  /** A message from `user`, delivered to subscribers. */
  post(
    room: string,
    user: string,
    text: string,
    extra: { at?: number; parent?: string } = {},
  ): StoredMessage {
    const { at, ...rest } = extra
    const event = this.#append(room, {
      kind: 'message',
      user,
      clientId: `c${++this.#ids}`,
      text,
      ...rest,
      ...(at !== undefined && { at }),
    })
    return event as StoredMessage
  }

  /** Any event (edit, delete, reaction) from `user`, delivered to subscribers. */
  apply(room: string, event: DistributiveOmit<RoomEvent, EventBase>): void {
    this.#append(room, { clientId: `c${++this.#ids}`, ...event })
  }

  /** Sets `user`'s read mark without telling anyone. */
  markRead(room: string, user: string, seq: number): void {
    this.#get(room).read.set(user, seq)
  }

  /** `user` is typing in `room`. */
  typing(room: string, user: string): void {
    this.#broadcast(room, { op: 'typing', room, user }, user)
  }

  /** How many frames of `op` clients sent. */
  count(op: ClientFrame['op']): number {
    return this.received.filter((frame) => frame.op === op).length
  }

  /** Closes every socket, as a restart would. */
  dropAll(): void {
    for (const socket of [...this.#sockets]) socket.drop(1012)
  }

  attach(socket: FakeSocket): void {
    this.#sockets.add(socket)
  }

  detach(socket: FakeSocket): void {
    this.#sockets.delete(socket)
  }

  handle(socket: FakeSocket, frame: ClientFrame): void {
    this.received.push(frame)
    const reply = (answer: ServerFrame): void =>
      socket.deliver({ ...answer, ...(frame.ref && { ref: frame.ref }) })
    const fail = (code: ErrorCode, extra: object = {}): void =>
      reply({ op: 'error', code, message: code, retryable: false, ...extra })

    if (frame.op === 'auth') {
      socket.user = frame.token
      return reply({
        op: 'welcome',
        user: { id: frame.token, name: frame.token, guest: false },
        heartbeatMs: 60_000,
        limits: { ...defaultLimits },
        expiresIn: null,
      })
    }
    const user = socket.user
    if (!user) return fail('unauthenticated')
    if (frame.op === 'ping') return reply({ op: 'pong' })
    if (frame.op === 'rooms') {
      const rooms = [...this.#rooms]
        .filter(([, room]) => room.members.has(user))
        .map(([id]) => this.#summary(id, user))
      return reply({ op: 'rooms', rooms })
    }
    if (!('room' in frame)) return fail('unknown_op')

    const room = this.#rooms.get(frame.room)
    if (!room) return fail('room_not_found')
    if (frame.op === 'join') {
      if (this.dropJoins > 0) {
        this.dropJoins--
        return socket.drop(1006)
      }
      room.members.add(user)
      return reply({ op: 'ok', room: this.#summary(frame.room, user) })
    }
    const command = ['send', 'edit', 'delete', 'react'].includes(frame.op)
    if (!room.members.has(user) && !command) {
      return fail('not_member', { room: frame.room })
    }

    switch (frame.op) {
      case 'history': {
        const before = frame.before ?? Infinity
        const older = [...room.messages.values()].filter((m) => m.seq < before)
        const limit = frame.limit ?? 50
        const page = older.slice(-limit)
        return reply({
          op: 'history',
          room: frame.room,
          messages: page,
          more: older.length > page.length,
        })
      }
      case 'subscribe':
        socket.rooms.add(frame.room)
        return reply({
          op: 'subscribed',
          room: frame.room,
          lastSeq: room.events.length,
          readSeq: room.read.get(user) ?? 0,
          events: room.events.slice(frame.since ?? room.events.length),
          more: false,
          online: this.#online(frame.room),
        })
      case 'unsubscribe':
        socket.rooms.delete(frame.room)
        return reply({ op: 'unsubscribed', room: frame.room })
      case 'replay':
        return reply({
          op: 'replay',
          room: frame.room,
          events: room.events.slice(frame.after),
          more: false,
          lastSeq: room.events.length,
        })
      case 'read':
        room.read.set(user, Math.max(room.read.get(user) ?? 0, frame.seq))
        return reply({ op: 'ok' })
      case 'typing':
        return this.#broadcast(
          frame.room,
          { op: 'typing', room: frame.room, user },
          user,
        )
      case 'send':
      case 'edit':
      case 'delete':
      case 'react': {
        const { op: _op, ref: _ref, ...fields } = frame
        if (!room.members.has(user)) {
          return fail('not_member', {
            clientId: frame.clientId,
            room: frame.room,
          })
        }
        if (frame.op === 'send' && this.refuseSends) {
          return fail(this.refuseSends, {
            clientId: frame.clientId,
            room: frame.room,
          })
        }
        const known = room.events.find(
          (event) => event.clientId === frame.clientId && event.user === user,
        )
        const kind =
          frame.op === 'send'
            ? 'message'
            : frame.op === 'react'
              ? 'reaction'
              : frame.op
        const event =
          known ??
          this.#append(frame.room, { ...fields, kind, user } as NewEvent)
        const ids = { room: frame.room, clientId: frame.clientId }
        reply({ op: 'accepted', ...ids })
        return reply({ op: 'ack', ...ids, id: event.id, seq: event.seq })
      }
      default:
        return reply({ op: 'ok' })
    }
  }

  #append(id: string, fields: NewEvent): RoomEvent {
    const room = this.#get(id)
    const event = {
      at: this.now(),
      ...fields,
      id: `e${++this.#ids}`,
      room: id,
      seq: room.events.length + 1,
    } as RoomEvent
    room.events.push(event)
    fold(room.messages, event)
    this.#broadcast(id, { op: 'event', event })
    return event
  }

  #broadcast(room: string, frame: ServerFrame, except?: string): void {
    for (const socket of this.#sockets) {
      if (socket.rooms.has(room) && socket.user !== except) {
        socket.deliver(frame)
      }
    }
  }

  #online(room: string): string[] {
    const users = new Set<string>()
    for (const socket of this.#sockets) {
      if (socket.rooms.has(room) && socket.user) users.add(socket.user)
    }
    return [...users]
  }

  #summary(id: string, user: string) {
    const room = this.#get(id)
    const readSeq = room.read.get(user) ?? 0
    return {
      id,
      kind: 'public' as const,
      name: room.name,
      role: 'member' as const,
      lastSeq: room.events.length,
      readSeq,
      unread: room.events.length - readSeq,
    }
  }

  #get(id: string): FakeRoom {
    const room = this.#rooms.get(id)
    if (!room) throw new Error(`no fake room ${id}`)
    return room
  }
}

type EventBase = 'id' | 'room' | 'seq' | 'at' | 'clientId'
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown
  ? Omit<T, K>
  : never
type NewEvent = DistributiveOmit<RoomEvent, 'id' | 'room' | 'seq' | 'at'> & {
  at?: number
}

/** Folds an event into the messages as the server's history shows them. */
function fold(messages: Map<string, StoredMessage>, event: RoomEvent): void {
  if (event.kind === 'message') {
    messages.set(event.id, event)
    return
  }
  const target = messages.get(event.target)
  if (!target) return
  if (event.kind === 'edit') {
    messages.set(target.id, { ...target, text: event.text, editedAt: event.at })
  } else if (event.kind === 'delete') {
    messages.set(target.id, { ...target, text: '', deleted: true })
  } else {
    const users = new Set(target.reactions?.[event.emoji] ?? [])
    if (event.on) users.add(event.user)
    else users.delete(event.user)
    messages.set(target.id, {
      ...target,
      reactions: { ...target.reactions, [event.emoji]: [...users] },
    })
  }
}

/** One client connection; frames travel on the next macrotask. */
class FakeSocket implements WebSocketLike {
  readyState = 0
  onopen: ((event: never) => void) | null = null
  onmessage: ((event: never) => void) | null = null
  onclose: ((event: never) => void) | null = null
  onerror: ((event: never) => void) | null = null
  user: string | undefined
  readonly rooms = new Set<string>()
  server: FakeChatServer | undefined

  constructor() {
    setTimeout(() => {
      if (this.readyState !== 0) return
      this.readyState = 1
      ;(this.onopen as ((event: object) => void) | null)?.({})
    })
  }

  send(data: string): void {
    const frame = JSON.parse(data) as ClientFrame
    setTimeout(() => {
      if (this.readyState === 1) this.server?.handle(this, frame)
    })
  }

  deliver(frame: ServerFrame): void {
    setTimeout(() => {
      if (this.readyState !== 1) return
      const onmessage = this.onmessage as ((event: object) => void) | null
      onmessage?.({ data: JSON.stringify(frame) })
    })
  }

  close(code = 1000): void {
    this.drop(code)
  }

  drop(code: number): void {
    if (this.readyState === 3) return
    this.readyState = 3
    this.server?.detach(this)
    setTimeout(() => {
      ;(this.onclose as ((event: object) => void) | null)?.({ code })
    })
  }
}
