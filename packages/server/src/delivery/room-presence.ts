import type { Logger } from 'pino'
import type { PresenceRegistry } from '../ports/presence-registry.js'
import type { Connection } from './connection.js'
import type { RoomHub } from './room-hub.js'

/** What entering and leaving rooms needs; a ServerContext has it all. */
export interface RoomPresenceDeps {
  hub: RoomHub
  presence: PresenceRegistry
  logger: Logger
}

/**
 * Stops delivery of a room to the connection and updates presence: the
 * one way out of a room, whether the client unsubscribes, leaves, is
 * banned or disconnects.
 */
export async function leaveRoom(
  deps: RoomPresenceDeps,
  connection: Connection,
  room: string,
): Promise<void> {
  if (!connection.rooms.has(room)) return
  const { app, user } = connection.user
  await deps.hub.unsubscribe(connection, app, room)
  await announcePresence(deps, app, room, user, false)
}

/**
 * Presence is a courtesy: while its engine is away, subscriptions and
 * messages go on and the failure is only logged.
 */
export async function announcePresence(
  deps: RoomPresenceDeps,
  app: string,
  room: string,
  user: string,
  online: boolean,
): Promise<void> {
  try {
    const changed = online
      ? await deps.presence.enter(app, room, user)
      : await deps.presence.leave(app, room, user)
    if (changed) {
      await deps.hub.publish(app, room, { t: 'presence', user, online })
    }
  } catch (error) {
    deps.logger.warn({ err: error, room }, 'presence update failed')
  }
}
