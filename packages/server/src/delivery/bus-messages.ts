import type { RoomEvent } from '@algochat/protocol'

/** What travels on a room's channel between nodes. */
export type RoomBusMessage =
  | { t: 'events'; events: RoomEvent[] }
  | { t: 'typing'; user: string }
  | { t: 'presence'; user: string; online: boolean }
  | { t: 'read'; user: string; seq: number }

/** What travels on the control channel every node listens to. */
export type ControlBusMessage =
  /** Membership, role, ban or mute changed: drop cached entries. */
  | { t: 'member'; app: string; room: string; user?: string }
  /** The user was deleted or removed from the room: close or unsubscribe. */
  | { t: 'revoke'; app: string; user: string; room?: string }
  /** The app's secret, keys or origins changed. */
  | { t: 'app'; app: string }

/** Ids never contain `|`, so this cannot collide across apps. */
export function roomChannel(app: string, room: string): string {
  return `room|${app}|${room}`
}

export const controlChannel = 'control'
