import type { Role, RoomKind } from '@algochat/protocol'

export interface App {
  id: string
  name: string
  /** Shared secret: signs HS256 user tokens and authorizes the admin API. */
  secret: string
  /** Origins allowed to open a WebSocket; empty allows any origin. */
  allowedOrigins: string[]
  allowGuests: boolean
  /** PEM (SPKI) public keys for ES256 or EdDSA user tokens, by key id. */
  publicKeys: PublicKeyEntry[]
  createdAt: number
}

export interface PublicKeyEntry {
  kid: string
  alg: 'ES256' | 'EdDSA'
  pem: string
}

export interface User {
  app: string
  id: string
  name: string | null
  /** Free-form profile data from the site backend (avatar URL...). */
  meta: Record<string, unknown>
  createdAt: number
}

export interface Room {
  app: string
  id: string
  kind: RoomKind
  name: string | null
  createdBy: string | null
  createdAt: number
}

export interface Member {
  app: string
  room: string
  user: string
  role: Role
  /** Highest seq the member has read. */
  readSeq: number
  /** Epoch ms until which the member is banned; null when not banned. */
  bannedUntil: number | null
  /** Epoch ms until which the member may not post; null when not muted. */
  mutedUntil: number | null
  joinedAt: number
}

/** A member row joined with its room, for "my rooms". */
export interface Membership extends Member {
  kind: RoomKind
  name: string | null
}

export type NewApp = Omit<App, 'createdAt'>
export type AppPatch = Partial<Omit<App, 'id' | 'createdAt'>>

/**
 * Apps, users, rooms, members and read state. One Kysely implementation
 * serves SQLite (embedded) and PostgreSQL (scale).
 */
export interface AccountStore {
  /** Creates tables and indexes that are missing; safe to run repeatedly. */
  migrate(): Promise<void>

  createApp(app: NewApp): Promise<App>
  getApp(id: string): Promise<App | null>
  listApps(): Promise<App[]>
  updateApp(id: string, patch: AppPatch): Promise<App | null>

  upsertUser(
    app: string,
    user: { id: string; name?: string | null; meta?: Record<string, unknown> },
  ): Promise<User>
  getUser(app: string, id: string): Promise<User | null>
  /** Removes the user and their memberships; true when they existed. */
  deleteUser(app: string, id: string): Promise<boolean>

  /** Fails with `room_exists` when the id is taken. */
  createRoom(room: Omit<Room, 'createdAt'>): Promise<Room>
  getRoom(app: string, id: string): Promise<Room | null>
  listRooms(app: string, options?: { kind?: RoomKind }): Promise<Room[]>
  deleteRoom(app: string, id: string): Promise<boolean>

  /** Adds the member, or changes the role of an existing one. */
  putMember(
    app: string,
    room: string,
    user: string,
    role: Role,
  ): Promise<Member>
  getMember(app: string, room: string, user: string): Promise<Member | null>
  removeMember(app: string, room: string, user: string): Promise<boolean>
  listMembers(app: string, room: string): Promise<Member[]>
  listMemberships(app: string, user: string): Promise<Membership[]>

  /** Raises the read seq; a lower seq than stored changes nothing. */
  setReadSeq(
    app: string,
    room: string,
    user: string,
    seq: number,
  ): Promise<void>
  setBan(
    app: string,
    room: string,
    user: string,
    until: number | null,
  ): Promise<void>
  setMute(
    app: string,
    room: string,
    user: string,
    until: number | null,
  ): Promise<void>

  /** True when the store answers; used by /readyz. */
  ping(): Promise<boolean>
  close(): Promise<void>
}
