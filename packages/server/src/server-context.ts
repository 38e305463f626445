import type { Logger } from 'pino'
import type { AppDirectory } from './auth/app-directory.js'
import type { TokenVerifier } from './auth/token-verifier.js'
import type { ServerConfig } from './config.js'
import type { ConnectionRegistry } from './delivery/connection-registry.js'
import type { RoomHub } from './delivery/room-hub.js'
import type { RateLimiter } from './gateway/rate-limiter.js'
import type { Metrics } from './observability/metrics.js'
import type { AccountStore } from './ports/account-store.js'
import type { FanoutBus } from './ports/fanout-bus.js'
import type { MessageLog } from './ports/message-log.js'
import type { MessageStore } from './ports/message-store.js'
import type { PresenceRegistry } from './ports/presence-registry.js'
import type { RoomAccess } from './rooms/room-access.js'
import type { RoomService } from './rooms/room-service.js'
import type { ControlChannel } from './rooms/control-channel.js'

/** The services one node wires together; handlers receive it. */
export interface ServerContext {
  config: ServerConfig
  nodeId: string
  logger: Logger
  metrics: Metrics
  accounts: AccountStore
  messages: MessageStore
  log: MessageLog
  bus: FanoutBus
  presence: PresenceRegistry
  access: RoomAccess
  hub: RoomHub
  tokens: TokenVerifier
  apps: AppDirectory
  connections: ConnectionRegistry
  control: ControlChannel
  rooms: RoomService
  /** Commands per user on this node. */
  commandRate: RateLimiter
}
