import type { AlgochatError, ClientFrame, Limits } from '@algochat/protocol'
import type { Replies, RequestFrame } from '../connection/requests.js'
import type { ResolvedOptions } from '../options.js'
import type { Outbox } from '../store/outbox.js'

/** What a room needs from its client. */
export interface RoomContext {
  readonly options: ResolvedOptions
  readonly outbox: Outbox
  request<F extends RequestFrame>(frame: F): Promise<Replies[F['op']]>
  /** Sends a frame when online; false otherwise. */
  post(frame: ClientFrame): boolean
  online(): boolean
  /** The authenticated user's id; null before the first welcome. */
  user(): string | null
  limits(): Limits
  report(error: AlgochatError): void
}
