import type { ErrorCode } from './errors.js'
import type { RoomEvent, StoredMessage } from './events.js'
import type { Limits } from './limits.js'

/** The protocol version this package describes; the URL path is /v1/ws. */
export const protocolVersion = 1

// ---------------------------------------------------------------------------
// Client -> server. `ref` is chosen by the client and echoed on the reply.

export interface AuthFrame {
  op: 'auth'
  ref?: string
  token: string
}

export interface PingFrame {
  op: 'ping'
  ref?: string
}

export interface SubscribeFrame {
  op: 'subscribe'
  ref?: string
  room: string
  /** Last seq the client holds; events after it are replayed. */
  since?: number
}

export interface UnsubscribeFrame {
  op: 'unsubscribe'
  ref?: string
  room: string
}

export interface SendFrame {
  op: 'send'
  ref?: string
  room: string
  clientId: string
  text: string
  parent?: string
  mentions?: string[]
}

export interface EditFrame {
  op: 'edit'
  ref?: string
  room: string
  clientId: string
  target: string
  text: string
}

export interface DeleteFrame {
  op: 'delete'
  ref?: string
  room: string
  clientId: string
  target: string
}

export interface ReactFrame {
  op: 'react'
  ref?: string
  room: string
  clientId: string
  target: string
  emoji: string
  on: boolean
}

export interface TypingFrame {
  op: 'typing'
  ref?: string
  room: string
}

export interface ReadFrame {
  op: 'read'
  ref?: string
  room: string
  seq: number
}

/** Older messages, as they read now (edits, deletes, reactions folded). */
export interface HistoryFrame {
  op: 'history'
  ref?: string
  room: string
  /** Messages with seq < before; the newest page when omitted. */
  before?: number
  limit?: number
}

/** Every event after a seq, oldest first: resume and gap fill. */
export interface ReplayFrame {
  op: 'replay'
  ref?: string
  room: string
  after: number
  limit?: number
}

export interface RoomsFrame {
  op: 'rooms'
  ref?: string
}

export interface CreateRoomFrame {
  op: 'create'
  ref?: string
  room: string
  kind: 'public' | 'private'
  name?: string
}

export interface DirectFrame {
  op: 'direct'
  ref?: string
  /** The other user; the room id is derived from both ids. */
  user: string
}

export interface JoinFrame {
  op: 'join'
  ref?: string
  room: string
}

export interface LeaveFrame {
  op: 'leave'
  ref?: string
  room: string
}

export interface InviteFrame {
  op: 'invite'
  ref?: string
  room: string
  user: string
}

export interface ModerateFrame {
  op: 'ban' | 'unban' | 'mute' | 'unmute'
  ref?: string
  room: string
  user: string
  /** Seconds until the ban or mute ends; forever when omitted. */
  seconds?: number
}

export type ClientFrame =
  | AuthFrame
  | PingFrame
  | SubscribeFrame
  | UnsubscribeFrame
  | SendFrame
  | EditFrame
  | DeleteFrame
  | ReactFrame
  | TypingFrame
  | ReadFrame
  | HistoryFrame
  | ReplayFrame
  | RoomsFrame
  | CreateRoomFrame
  | DirectFrame
  | JoinFrame
  | LeaveFrame
  | InviteFrame
  | ModerateFrame

export type ClientOp = ClientFrame['op']

/** Commands that go through the message log and come back with a seq. */
export type CommandFrame = SendFrame | EditFrame | DeleteFrame | ReactFrame

// ---------------------------------------------------------------------------
// Server -> client.

export type Role = 'owner' | 'moderator' | 'member'
export type RoomKind = 'public' | 'private' | 'direct'

export interface RoomSummary {
  id: string
  kind: RoomKind
  name: string | null
  role: Role
  /** Seq of the newest event in the room; 0 when empty. */
  lastSeq: number
  /** Highest seq this user has read. */
  readSeq: number
  /** Messages after `readSeq`, counted by seq. */
  unread: number
}

export interface WelcomeFrame {
  op: 'welcome'
  ref?: string
  user: { id: string; name: string | null; guest: boolean }
  /** Send a ping (or any frame) at least this often, in ms. */
  heartbeatMs: number
  limits: Limits
  /** Seconds until the token expires, so the client can refresh early. */
  expiresIn: number | null
}

export interface PongFrame {
  op: 'pong'
  ref?: string
}

export interface SubscribedFrame {
  op: 'subscribed'
  ref?: string
  room: string
  lastSeq: number
  readSeq: number
  /** Events after `since`, oldest first, at most `maxPageSize`. */
  events: RoomEvent[]
  /** True when more events follow `events`: page them with history. */
  more: boolean
  /** Users currently online in the room. */
  online: string[]
}

export interface UnsubscribedFrame {
  op: 'unsubscribed'
  ref?: string
  room: string
}

/** The command is durable in the log and will be sequenced. */
export interface AcceptedFrame {
  op: 'accepted'
  ref?: string
  room: string
  clientId: string
}

/** The command is stored with its seq; repeated clientIds get this again. */
export interface AckFrame {
  op: 'ack'
  ref?: string
  room: string
  clientId: string
  id: string
  seq: number
}

export interface EventFrame {
  op: 'event'
  event: RoomEvent
}

export interface TypingEventFrame {
  op: 'typing'
  room: string
  user: string
}

export interface PresenceFrame {
  op: 'presence'
  room: string
  user: string
  online: boolean
}

export interface ReadReceiptFrame {
  op: 'read'
  room: string
  user: string
  seq: number
}

export interface HistoryResultFrame {
  op: 'history'
  ref?: string
  room: string
  /** Oldest first; deleted messages keep their seq with empty text. */
  messages: StoredMessage[]
  /** True when older messages exist. */
  more: boolean
}

export interface ReplayResultFrame {
  op: 'replay'
  ref?: string
  room: string
  /** Oldest first. */
  events: RoomEvent[]
  /** True when more events follow: replay again after the last one. */
  more: boolean
  lastSeq: number
}

export interface RoomsResultFrame {
  op: 'rooms'
  ref?: string
  rooms: RoomSummary[]
}

/** Reply to create, direct, join, leave, invite and moderation ops. */
export interface OkFrame {
  op: 'ok'
  ref?: string
  room?: RoomSummary
}

export interface ErrorFrame {
  op: 'error'
  ref?: string
  code: ErrorCode
  message: string
  retryable: boolean
  /** Set when the error answers a command, so the SDK can match it. */
  clientId?: string
  room?: string
}

/** The server is going away; reconnect (to any node) and resume. */
export interface ReconnectFrame {
  op: 'reconnect'
  reason: string
}

export type ServerFrame =
  | WelcomeFrame
  | PongFrame
  | SubscribedFrame
  | UnsubscribedFrame
  | AcceptedFrame
  | AckFrame
  | EventFrame
  | TypingEventFrame
  | PresenceFrame
  | ReadReceiptFrame
  | HistoryResultFrame
  | ReplayResultFrame
  | RoomsResultFrame
  | OkFrame
  | ErrorFrame
  | ReconnectFrame

export type ServerOp = ServerFrame['op']

/** Client frames by op, for handlers keyed on `op`. */
export type ClientFrameMap = { [F in ClientFrame as F['op']]: F }

/** Server frames by op, for listeners keyed on `op`. */
export type ServerFrameMap = { [F in ServerFrame as F['op']]: F }
