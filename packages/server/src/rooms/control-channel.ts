import { closeCodes } from '@algochat/protocol'
import type { Logger } from 'pino'
import type { AppDirectory } from '../auth/app-directory.js'
import type { TokenVerifier } from '../auth/token-verifier.js'
import {
  controlChannel,
  type ControlBusMessage,
} from '../delivery/bus-messages.js'
import type { ConnectionRegistry } from '../delivery/connection-registry.js'
import type { RoomHub } from '../delivery/room-hub.js'
import { leaveRoom } from '../delivery/room-presence.js'
import type { FanoutBus } from '../ports/fanout-bus.js'
import type { PresenceRegistry } from '../ports/presence-registry.js'
import type { RoomAccess } from './room-access.js'

export interface ControlChannelDeps {
  bus: FanoutBus
  access: RoomAccess
  hub: RoomHub
  presence: PresenceRegistry
  tokens: TokenVerifier
  apps: AppDirectory
  connections: ConnectionRegistry
  logger: Logger
}

/**
 * Tells every node that memberships, bans or apps changed, and applies
 * what other nodes announce: cached answers are dropped and a user who
 * lost access stops receiving the room at once.
 */
export class ControlChannel {
  readonly #deps: ControlChannelDeps

  constructor(deps: ControlChannelDeps) {
    this.#deps = deps
  }

  async start(): Promise<void> {
    const { bus, access, apps, tokens } = this.#deps
    await bus.subscribe(controlChannel, (payload) => this.#receive(payload))

    // Whatever other nodes announced while the bus was away is lost, so
    // no cached membership, app or key can be trusted once it is back.
    bus.onReconnect(() => {
      access.clear()
      apps.clear()
      tokens.clear()
    })
  }

  async memberChanged(app: string, room: string, user?: string) {
    await this.#announce({ t: 'member', app, room, ...(user ? { user } : {}) })
  }

  /** The user may no longer read `room`, or anything when room is unset. */
  async revoke(app: string, user: string, room?: string) {
    await this.#announce({ t: 'revoke', app, user, ...(room ? { room } : {}) })
  }

  async appChanged(app: string) {
    await this.#announce({ t: 'app', app })
  }

  async #announce(message: ControlBusMessage): Promise<void> {
    // Apply locally first: this node's next request must see the change
    // even if the bus is slow or down.
    this.#apply(message)

    // The change itself is stored already. A node that misses the
    // announcement because the bus is down drops its caches when the bus
    // comes back, so the caller's request still succeeds.
    try {
      await this.#deps.bus.publish(controlChannel, JSON.stringify(message))
    } catch (error) {
      this.#deps.logger.warn(
        { err: error, change: message.t },
        'change not announced: the bus is down',
      )
    }
  }

  #receive(payload: string): void {
    try {
      this.#apply(JSON.parse(payload) as ControlBusMessage)
    } catch (error) {
      this.#deps.logger.warn({ err: error }, 'unreadable control message')
    }
  }

  #apply(message: ControlBusMessage): void {
    const { access, tokens, apps, connections } = this.#deps
    switch (message.t) {
      case 'member':
        access.invalidate(message.app, message.room, message.user)
        return
      case 'app':
        tokens.forget(message.app)
        apps.forget(message.app)
        return
      case 'revoke':
        for (const connection of connections.ofUser(
          message.app,
          message.user,
        )) {
          if (message.room === undefined) {
            connection.fail('forbidden', closeCodes.revoked, 'Access revoked')
            continue
          }
          access.invalidate(message.app, message.room, message.user)
          if (connection.rooms.has(message.room)) {
            void leaveRoom(this.#deps, connection, message.room)
            connection.send({ op: 'unsubscribed', room: message.room })
          }
        }
        if (message.room) {
          access.invalidate(message.app, message.room, message.user)
        }
        return
    }
  }
}
