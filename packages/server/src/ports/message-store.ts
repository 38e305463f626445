import type { RoomEvent, StoredMessage } from '@algochat/protocol'

/** A sequenced event with the app it belongs to. */
export type AppEvent = RoomEvent & { app: string }

export interface Page<T> {
  items: T[]
  /** True when more items exist past this page. */
  more: boolean
}

/**
 * History, edits, deletes and reactions. Events are stored once each:
 * unique on (app, room, seq) and on (app, room, user, clientId). Message
 * events are materialized in place: edits replace their text, a delete
 * blanks it, reactions update the reaction map, so history reads one row
 * per message.
 */
export interface MessageStore {
  /** Creates tables or collections and the unique indexes. */
  migrate(): Promise<void>

  /** Highest stored seq per room; rooms with no events are absent. */
  lastSeqs(app: string, rooms: readonly string[]): Promise<Map<string, number>>

  /** Events already stored for these (user, clientId) pairs in a room. */
  findByClientIds(
    app: string,
    room: string,
    keys: readonly { user: string; clientId: string }[],
  ): Promise<AppEvent[]>

  /**
   * Stores a batch atomically where the engine allows, in seq order, and
   * applies edits, deletes and reactions to their target messages. An
   * event whose (app, room, seq) or (app, room, user, clientId) is
   * already stored is skipped, so replaying a batch is harmless.
   */
  writeBatch(events: readonly AppEvent[]): Promise<void>

  /**
   * Stores events that should all be new, in the order given, and stops
   * at the first that collides with a stored one (same seq, or same user
   * and clientId): it then answers false, having stored at most the
   * events before the collision. Each room's events come in seq order, so
   * what is stored of a room is always a prefix of its events: no seq is
   * skipped. The sequencer's fast path; a false sends it to
   * findByClientIds and writeBatch.
   */
  insertNew(events: readonly AppEvent[]): Promise<boolean>

  getMessage(
    app: string,
    room: string,
    id: string,
  ): Promise<StoredMessage | null>

  /** Messages with seq < before (newest page when undefined), oldest first. */
  history(
    app: string,
    room: string,
    before: number | undefined,
    limit: number,
  ): Promise<Page<StoredMessage>>

  /** All events with seq > after, oldest first. */
  replay(
    app: string,
    room: string,
    after: number,
    limit: number,
  ): Promise<Page<RoomEvent>>

  /** Messages (not other events) with seq > after, per room, up to `cap`. */
  unreadCounts(
    app: string,
    marks: readonly { room: string; after: number }[],
    cap: number,
  ): Promise<Map<string, number>>

  /** Blanks the text of every message and edit the user wrote. */
  eraseUser(app: string, user: string): Promise<number>
  /** Removes every event of a room. */
  deleteRoom(app: string, room: string): Promise<void>

  ping(): Promise<boolean>
  close(): Promise<void>
}
