import { AlgochatError, defaultLimits } from '@algochat/protocol'
import type {
  Limits,
  RoomSummary,
  ServerFrame,
  WelcomeFrame,
} from '@algochat/protocol'
import { Connection, type ClientStatus } from './connection/connection.js'
import { errorFromFrame } from './error-from-frame.js'
import { resolveOptions, type ChatClientOptions } from './options.js'
import type { ResolvedOptions } from './options.js'
import type { RoomContext } from './rooms/room-context.js'
import { Room } from './rooms/room.js'
import { Outbox } from './store/outbox.js'

/** The authenticated user, as the server's welcome describes them. */
export type ChatUser = WelcomeFrame['user']

/** Events of `client.on(event, listener)`, with what each listener gets. */
export interface ClientEvents {
  /** The connection status changed. */
  status: ClientStatus
}

/** Options for `client.createRoom()`. */
export interface CreateRoomOptions {
  /** Who may join: anyone in the app, or invited users only. @default 'public' */
  kind?: 'public' | 'private'
  /** Display name. */
  name?: string
}

/**
 * The entry point: one connection for one user, shared by every room.
 *
 * @example
 * const client = new ChatClient({ url, app, token: fetchToken })
 * await client.connect()
 * const room = client.room('support-42')
 * const stop = room.subscribe(() => render(room.state))
 * await room.send('hello')
 */
export class ChatClient {
  readonly #options: ResolvedOptions
  readonly #connection: Connection
  readonly #outbox: Outbox
  readonly #handles = new Map<string, Room>()
  // One set of listeners per client event.
  readonly #listeners: {
    [K in keyof ClientEvents]: Set<(value: ClientEvents[K]) => void>
  } = { status: new Set() }
  readonly #context: RoomContext

  constructor(options: ChatClientOptions) {
    this.#options = resolveOptions(options)
    this.#connection = new Connection(this.#options, {
      status: (status) => {
        this.#debug('status', status)
        for (const listener of this.#listeners.status) listener(status)
      },
      online: () => {
        this.#outbox.flush()
        for (const room of this.#handles.values()) room.resume()
      },
      offline: () => this.#offline(),
      frame: (frame) => this.#route(frame),
      error: (error) => this.#report(error),
    })
    this.#outbox = new Outbox(this.#options, {
      post: (frame) => this.#connection.post(frame),
      user: () => this.user?.id ?? null,
      acked: (entry, ack) => this.#handles.get(ack.room)?.acked(entry, ack),
      changed: (room) => this.#handles.get(room)?.pendingChanged(),
      error: (error) => this.#report(error),
    })
    const connection = this.#connection
    this.#context = {
      options: this.#options,
      outbox: this.#outbox,
      request: (frame) => connection.request(frame),
      post: (frame) => connection.post(frame),
      online: () => connection.status === 'online',
      user: () => this.user?.id ?? null,
      limits: () => this.limits,
      report: (error) => this.#report(error),
    }
  }

  /** Connection status; see `ClientStatus`. */
  get status(): ClientStatus {
    return this.#connection.status
  }

  /** The authenticated user; known after the first connect, kept while offline. */
  get user(): ChatUser | null {
    return this.#connection.welcome?.user ?? null
  }

  /** Limits the server announced, or the protocol defaults before that. */
  get limits(): Limits {
    return this.#connection.welcome?.limits ?? defaultLimits
  }

  /**
   * Connects, then stays connected: lost connections are re-established
   * with backoff until `close()`.
   * @returns Resolves when first online; rejects if the server refuses the
   * token for good (the status is then `closed`) or `close()` comes first.
   */
  connect(): Promise<void> {
    return this.#connection.connect()
  }

  /**
   * Disconnects and stops reconnecting. Queued commands stay in the
   * outbox store and go out on the next `connect()`.
   */
  async close(): Promise<void> {
    this.#connection.close()
    // Whether or not it was online: no timer of the client may outlive it.
    this.#offline()
  }

  /** The handle for room `id`; the same object on every call. */
  room(id: string): Room {
    let room = this.#handles.get(id)
    if (!room) {
      room = new Room(id, this.#context)
      this.#handles.set(id, room)
    }
    return room
  }

  /** The user's rooms, with unread counts. */
  async rooms(): Promise<RoomSummary[]> {
    return (await this.#connection.request({ op: 'rooms' })).rooms
  }

  /** Creates a room owned by this user. */
  async createRoom(id: string, options: CreateRoomOptions = {}): Promise<Room> {
    await this.#connection.request({
      op: 'create',
      room: id,
      kind: 'public',
      ...options,
    })
    return this.room(id)
  }

  /** Opens (or creates) the direct room between this user and `user`. */
  async direct(user: string): Promise<Room> {
    const reply = await this.#connection.request({ op: 'direct', user })
    if (!reply.room) {
      throw new AlgochatError('room_not_found', `No direct room with ${user}`)
    }
    return this.room(reply.room.id)
  }

  /**
   * Listens to a client event.
   * @returns A function that removes the listener.
   */
  on<K extends keyof ClientEvents>(
    event: K,
    listener: (value: ClientEvents[K]) => void,
  ): () => void {
    const listeners = this.#listeners[event]
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  #offline(): void {
    this.#outbox.disconnected()
    for (const room of this.#handles.values()) room.disconnected()
  }

  #route(frame: ServerFrame): void {
    switch (frame.op) {
      case 'event':
        return this.#handles.get(frame.event.room)?.receive(frame)
      case 'typing':
      case 'presence':
      case 'read':
        return this.#handles.get(frame.room)?.receive(frame)
      case 'accepted':
      case 'ack':
        this.#outbox.receive(frame)
        return
      case 'error':
        if (!this.#outbox.receive(frame)) this.#report(errorFromFrame(frame))
    }
  }

  #report(error: AlgochatError): void {
    this.#debug('error', error)
    this.#options.onError?.(error)
  }

  #debug(...values: unknown[]): void {
    if (this.#options.debug) console.debug('[algochat]', ...values)
  }
}
