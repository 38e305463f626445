import type {
  RoomEvent,
  RoomEventKind,
  StoredMessage,
} from '@algochat/protocol'

import type { AppEvent } from '../../ports/index.js'
import { reactionsRecord } from './reaction-list.js'
import type { ReactionList } from './reaction-list.js'

/**
 * A document of the `events` collection. Every sequenced event is one;
 * message documents also carry their current state (edited text,
 * deletion, reactions), so history reads one document per message.
 * Fields a kind does not use are absent rather than null.
 */
export interface EventDocument {
  /** The event's dedup key, see `eventId`. */
  _id: string
  app: string
  room: string
  seq: number
  kind: RoomEventKind
  id: string
  user: string
  clientId: string
  at: number
  /** Message and edit text; blanked by a delete or an erasure. */
  text?: string
  parent?: string
  /** Absent when the message mentions nobody. */
  mentions?: string[]
  /** The message an edit, delete or reaction points at. */
  target?: string
  emoji?: string
  /** True when a reaction is added, false when it is taken back. */
  on?: boolean
  /** Time of the latest applied edit, on message documents. */
  editedAt?: number
  /** Present once a delete was applied, on message documents. */
  deleted?: true
  /** On message documents; absent when no reaction is left. */
  reactions?: ReactionList
  /**
   * Seq of the latest edit, delete or reaction applied to this message,
   * on message documents; none at or below it is applied again.
   */
  appliedSeq?: number
}

/**
 * The `_id` of an event: its dedup key, (app, room, user, clientId).
 * The sequencer asks for every command it sequences whether that key is
 * stored, and an `_id` lookup is the one read that MongoDB and FerretDB
 * both serve from an index they always have; FerretDB answers any other
 * filter by decoding every document of the collection.
 */
export function eventId(
  app: string,
  room: string,
  user: string,
  clientId: string,
): string {
  return JSON.stringify([app, room, user, clientId])
}

/** Flattens an event into the document that stores it. */
export function toEventDocument(event: AppEvent): EventDocument {
  const document: EventDocument = {
    _id: eventId(event.app, event.room, event.user, event.clientId),
    app: event.app,
    room: event.room,
    seq: event.seq,
    kind: event.kind,
    id: event.id,
    user: event.user,
    clientId: event.clientId,
    at: event.at,
  }

  switch (event.kind) {
    case 'message':
      document.text = event.text
      if (event.parent !== undefined) document.parent = event.parent
      if (event.mentions !== undefined && event.mentions.length > 0) {
        document.mentions = event.mentions
      }
      break
    case 'edit':
      document.target = event.target
      document.text = event.text
      break
    case 'delete':
      document.target = event.target
      break
    case 'reaction':
      document.target = event.target
      document.emoji = event.emoji
      document.on = event.on
      break
  }

  return document
}

/**
 * Rebuilds the protocol event from a document. Optional fields are left
 * out rather than set to undefined, so the result matches what the
 * sequencer produced and serialises to the same frame. Storage-only
 * fields (`_id`, `app`, `appliedSeq`) never reach the result.
 */
export function toRoomEvent(document: EventDocument): RoomEvent {
  const base = {
    id: document.id,
    room: document.room,
    seq: document.seq,
    user: document.user,
    clientId: document.clientId,
    at: document.at,
  }

  switch (document.kind) {
    case 'message':
      return toStoredMessage(document)
    case 'edit':
      return {
        ...base,
        kind: 'edit',
        target: document.target ?? '',
        text: document.text ?? '',
      }
    case 'delete':
      return { ...base, kind: 'delete', target: document.target ?? '' }
    case 'reaction':
      return {
        ...base,
        kind: 'reaction',
        target: document.target ?? '',
        emoji: document.emoji ?? '',
        on: document.on === true,
      }
  }
}

/** A message document with its edits, deletion and reactions folded in. */
export function toStoredMessage(document: EventDocument): StoredMessage {
  const message: StoredMessage = {
    id: document.id,
    room: document.room,
    seq: document.seq,
    user: document.user,
    clientId: document.clientId,
    at: document.at,
    kind: 'message',
    text: document.text ?? '',
  }

  if (document.parent !== undefined) message.parent = document.parent
  if (document.mentions !== undefined) message.mentions = document.mentions
  if (document.editedAt !== undefined) message.editedAt = document.editedAt
  if (document.deleted === true) message.deleted = true
  if (document.reactions !== undefined && document.reactions.length > 0) {
    message.reactions = reactionsRecord(document.reactions)
  }

  return message
}
