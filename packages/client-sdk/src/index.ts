export { ChatClient } from './client.js'
export type { ChatUser, ClientEvents, CreateRoomOptions } from './client.js'
export type { ClientStatus } from './connection/connection.js'
export type {
  WebSocketConstructor,
  WebSocketLike,
} from './connection/socket.js'
export type { ChatClientOptions, TokenSource } from './options.js'
export { Room } from './rooms/room.js'
export type { ModerationAction, SendOptions } from './rooms/room.js'
export type { RoomState } from './rooms/room-state.js'
export type { ChatMessage } from './store/message-list.js'
export type { PendingMessage } from './store/outbox.js'
export { MemoryOutboxStore } from './store/outbox-store.js'
export type { OutboxEntry, OutboxStore } from './store/outbox-store.js'
export { IndexedDBOutboxStore } from './store/indexeddb-outbox-store.js'
export { AlgochatError } from '@algochat/protocol'
export type {
  ErrorCode,
  Limits,
  RoomEvent,
  RoomKind,
  RoomSummary,
  Role,
  StoredMessage,
} from '@algochat/protocol'
