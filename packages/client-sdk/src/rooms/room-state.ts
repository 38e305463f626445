import type { AlgochatError } from '@algochat/protocol'
import type { ChatMessage } from '../store/message-list.js'
import type { PendingMessage } from '../store/outbox.js'

/**
 * A snapshot of one room. Snapshots are never changed: each change makes a
 * new one, and `room.state` returns the same object until then, so it can
 * back React's `useSyncExternalStore` directly.
 */
export interface RoomState {
  /** Loaded messages in seq order, each once; deleted ones stay with `deleted: true`. */
  readonly messages: readonly ChatMessage[]
  /** This client's sends not yet in `messages`, oldest first. */
  readonly pending: readonly PendingMessage[]
  /** Other users typing now. */
  readonly typing: readonly string[]
  /** Users online in the room. */
  readonly online: readonly string[]
  /** Highest seq each other user has read, from read receipts seen. */
  readonly readBy: Readonly<Record<string, number>>
  /** Highest seq this user has read. */
  readonly readSeq: number
  /** Loaded messages from other users after `readSeq`, deleted ones excluded. */
  readonly unread: number
  /** Newest seq known in the room. */
  readonly lastSeq: number
  /** Whether `loadOlder()` can load more. */
  readonly hasOlder: boolean
  /** True while subscribed and caught up with the server. */
  readonly synced: boolean
  /** Why the last subscribe attempt failed, e.g. `not_member`. */
  readonly error: AlgochatError | null
}
