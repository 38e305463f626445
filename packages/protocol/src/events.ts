/**
 * Sequenced room events. Every change to a room's history is one of these
 * and carries the room's next `seq`, so a client that resumes from a seq
 * replays edits, deletes and reactions in the order they happened.
 */
interface EventBase {
  /** Unique id of this event within its app. */
  id: string
  room: string
  /** Gap-free position in the room, starting at 1. */
  seq: number
  /** Author of the event. */
  user: string
  /** The id the author's client chose; retries reuse it. */
  clientId: string
  /** Milliseconds since the epoch when the sequencer stored it. */
  at: number
}

export interface MessageEvent extends EventBase {
  kind: 'message'
  text: string
  /** Id of the message this one replies to. */
  parent?: string
  /** User ids mentioned in the text. */
  mentions?: string[]
}

export interface EditEvent extends EventBase {
  kind: 'edit'
  /** Id of the edited message. */
  target: string
  text: string
}

export interface DeleteEvent extends EventBase {
  kind: 'delete'
  target: string
}

export interface ReactionEvent extends EventBase {
  kind: 'reaction'
  target: string
  emoji: string
  /** True when the reaction is added, false when it is taken back. */
  on: boolean
}

export type RoomEvent = MessageEvent | EditEvent | DeleteEvent | ReactionEvent

export type RoomEventKind = RoomEvent['kind']

/**
 * A message as history shows it today: edits, deletion and reactions
 * folded in. `reactions` maps an emoji to the users who chose it.
 */
export interface StoredMessage extends MessageEvent {
  editedAt?: number
  deleted?: boolean
  reactions?: Record<string, string[]>
}
