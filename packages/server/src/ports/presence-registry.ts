/**
 * Who is online in which room, across nodes. Entries carry the node that
 * holds the socket and expire when that node stops refreshing them, so a
 * node that dies takes its users offline within `ttlMs`.
 */
export interface PresenceRegistry {
  /** Returns true when the user just came online in the room. */
  enter(app: string, room: string, user: string): Promise<boolean>
  /** Returns true when the user's last connection in the room left. */
  leave(app: string, room: string, user: string): Promise<boolean>
  online(app: string, room: string): Promise<string[]>
  close(): Promise<void>
}
