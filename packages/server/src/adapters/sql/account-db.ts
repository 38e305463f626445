import type { Role, RoomKind } from '@algochat/protocol'

/**
 * Table shapes of the account store, identical on SQLite and PostgreSQL.
 * JSON values are stored as text and times as epoch milliseconds, so one
 * set of queries runs on both engines. Columns carry an `_id` suffix where
 * the plain name (`user`) is reserved in PostgreSQL.
 *
 * These are type aliases rather than interfaces because Kysely's
 * `withTables` needs an index-signature-compatible table map.
 */
export type AccountDb = {
  apps: AppsTable
  users: UsersTable
  rooms: RoomsTable
  members: MembersTable
}

export type AppsTable = {
  id: string
  name: string
  secret: string
  /** JSON array of origins. */
  allowed_origins: string
  /** 1 or 0: integers read back the same on both engines. */
  allow_guests: number
  /** JSON array of public key entries. */
  public_keys: string
  created_at: number
}

export type UsersTable = {
  app_id: string
  id: string
  name: string | null
  /** JSON object. */
  meta: string
  created_at: number
}

export type RoomsTable = {
  app_id: string
  id: string
  kind: RoomKind
  name: string | null
  created_by: string | null
  created_at: number
}

export type MembersTable = {
  app_id: string
  room_id: string
  user_id: string
  role: Role
  read_seq: number
  banned_until: number | null
  muted_until: number | null
  joined_at: number
}
