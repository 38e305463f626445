import type { RoomEventKind } from '@algochat/protocol'

/**
 * The message store's one table. Every sequenced event is a row; message
 * rows also carry their current state (edited text, deletion, reactions),
 * so history reads one row per message.
 *
 * A type alias rather than an interface because Kysely's `withTables`
 * needs an index-signature-compatible table map.
 */
export type EventsDb = {
  events: EventsTable
}

export type EventsTable = {
  app_id: string
  room_id: string
  seq: number
  kind: RoomEventKind
  id: string
  user_id: string
  client_id: string
  at: number
  /** Message and edit text; blanked by a delete or an erasure. */
  text: string | null
  parent: string | null
  /** JSON array of user ids; null when the message mentions nobody. */
  mentions: string | null
  /** The message an edit, delete or reaction points at. */
  target: string | null
  emoji: string | null
  /** 1 when a reaction is added, 0 when taken back (`on` is reserved). */
  reaction_on: number | null
  /** Time of the latest applied edit, on message rows. */
  edited_at: number | null
  /** 1 once a delete was applied, on message rows. */
  deleted: number
  /** JSON map emoji -> user ids, on message rows; null when empty. */
  reactions: string | null
}
