import type { Selectable } from 'kysely'

import type {
  App,
  Member,
  Membership,
  PublicKeyEntry,
  Room,
  User,
} from '../../ports/index.js'
import type {
  AppsTable,
  MembersTable,
  RoomsTable,
  UsersTable,
} from './account-db.js'

export function toApp(row: Selectable<AppsTable>): App {
  const allowedOrigins: string[] = JSON.parse(row.allowed_origins)
  const publicKeys: PublicKeyEntry[] = JSON.parse(row.public_keys)

  return {
    id: row.id,
    name: row.name,
    secret: row.secret,
    allowedOrigins,
    allowGuests: row.allow_guests === 1,
    publicKeys,
    createdAt: row.created_at,
  }
}

export function toUser(row: Selectable<UsersTable>): User {
  const meta: Record<string, unknown> = JSON.parse(row.meta)

  return {
    app: row.app_id,
    id: row.id,
    name: row.name,
    meta,
    createdAt: row.created_at,
  }
}

export function toRoom(row: Selectable<RoomsTable>): Room {
  return {
    app: row.app_id,
    id: row.id,
    kind: row.kind,
    name: row.name,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }
}

export function toMember(row: Selectable<MembersTable>): Member {
  return {
    app: row.app_id,
    room: row.room_id,
    user: row.user_id,
    role: row.role,
    readSeq: row.read_seq,
    bannedUntil: row.banned_until,
    mutedUntil: row.muted_until,
    joinedAt: row.joined_at,
  }
}

export function toMembership(
  row: Selectable<MembersTable> & Pick<RoomsTable, 'kind' | 'name'>,
): Membership {
  return { ...toMember(row), kind: row.kind, name: row.name }
}
