import type { RoomEvent, StoredMessage } from '@algochat/protocol'

import type { AppEvent } from '../../ports/index.js'
import type { EventsTable } from './events-db.js'

/** The columns an incoming event fills; the rest start at their defaults. */
export type EventInsertRow = Omit<
  EventsTable,
  'edited_at' | 'deleted' | 'reactions'
>

/**
 * Flattens an event into a row. Every column gets a value, null when the
 * kind does not use it, because better-sqlite3 rejects missing named
 * parameters.
 */
export function toEventRow(event: AppEvent): EventInsertRow {
  const row: EventInsertRow = {
    app_id: event.app,
    room_id: event.room,
    seq: event.seq,
    kind: event.kind,
    id: event.id,
    user_id: event.user,
    client_id: event.clientId,
    at: event.at,
    text: null,
    parent: null,
    mentions: null,
    target: null,
    emoji: null,
    reaction_on: null,
  }

  switch (event.kind) {
    case 'message':
      row.text = event.text
      row.parent = event.parent ?? null
      row.mentions =
        event.mentions === undefined || event.mentions.length === 0
          ? null
          : JSON.stringify(event.mentions)
      break
    case 'edit':
      row.target = event.target
      row.text = event.text
      break
    case 'delete':
      row.target = event.target
      break
    case 'reaction':
      row.target = event.target
      row.emoji = event.emoji
      row.reaction_on = event.on ? 1 : 0
      break
  }

  return row
}

/**
 * Rebuilds the protocol event from a row. Optional fields are left out
 * rather than set to undefined or null, so the result matches what the
 * sequencer produced and serialises to the same frame.
 */
export function toRoomEvent(row: EventsTable): RoomEvent {
  const base = {
    id: row.id,
    room: row.room_id,
    seq: row.seq,
    user: row.user_id,
    clientId: row.client_id,
    at: row.at,
  }

  switch (row.kind) {
    case 'message':
      return toStoredMessage(row)
    case 'edit':
      return {
        ...base,
        kind: 'edit',
        target: row.target ?? '',
        text: row.text ?? '',
      }
    case 'delete':
      return { ...base, kind: 'delete', target: row.target ?? '' }
    case 'reaction':
      return {
        ...base,
        kind: 'reaction',
        target: row.target ?? '',
        emoji: row.emoji ?? '',
        on: row.reaction_on === 1,
      }
  }
}

/** A message row with its edits, deletion and reactions folded in. */
export function toStoredMessage(row: EventsTable): StoredMessage {
  const message: StoredMessage = {
    id: row.id,
    room: row.room_id,
    seq: row.seq,
    user: row.user_id,
    clientId: row.client_id,
    at: row.at,
    kind: 'message',
    text: row.text ?? '',
  }

  if (row.parent !== null) message.parent = row.parent
  if (row.mentions !== null) message.mentions = JSON.parse(row.mentions)
  if (row.edited_at !== null) message.editedAt = row.edited_at
  if (row.deleted === 1) message.deleted = true
  if (row.reactions !== null) message.reactions = JSON.parse(row.reactions)

  return message
}
