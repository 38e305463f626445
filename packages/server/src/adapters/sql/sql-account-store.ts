import { AlgochatError } from '@algochat/protocol'
import type { Role, RoomKind } from '@algochat/protocol'
import { sql } from 'kysely'
import type { Kysely, Updateable } from 'kysely'

import type {
  AccountStore,
  App,
  AppPatch,
  Member,
  Membership,
  NewApp,
  Room,
  User,
} from '../../ports/index.js'
import type { AccountDb, AppsTable, MembersTable } from './account-db.js'
import { accountMigrations } from './account-migrations.js'
import {
  toApp,
  toMember,
  toMembership,
  toRoom,
  toUser,
} from './account-rows.js'
import { runMigrations } from './run-migrations.js'

/**
 * Account store over Kysely. Every query sticks to SQL that SQLite and
 * PostgreSQL both accept (`on conflict`, `returning`, text JSON, integer
 * times), so the same class backs the embedded and the scale set.
 */
export function createSqlAccountStore(db: Kysely<AccountDb>): AccountStore {
  return new SqlAccountStore(db)
}

class SqlAccountStore implements AccountStore {
  readonly #db: Kysely<AccountDb>

  constructor(db: Kysely<AccountDb>) {
    this.#db = db
  }

  async migrate(): Promise<void> {
    await runMigrations(this.#db, accountMigrations, 'account_migrations')
  }

  async createApp(app: NewApp): Promise<App> {
    const row = await this.#db
      .insertInto('apps')
      .values({
        id: app.id,
        name: app.name,
        secret: app.secret,
        allowed_origins: JSON.stringify(app.allowedOrigins),
        allow_guests: app.allowGuests ? 1 : 0,
        public_keys: JSON.stringify(app.publicKeys),
        created_at: Date.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()

    return toApp(row)
  }

  async getApp(id: string): Promise<App | null> {
    const row = await this.#db
      .selectFrom('apps')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()

    return row === undefined ? null : toApp(row)
  }

  async listApps(): Promise<App[]> {
    const rows = await this.#db
      .selectFrom('apps')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute()

    return rows.map(toApp)
  }

  async updateApp(id: string, patch: AppPatch): Promise<App | null> {
    const changes = appChanges(patch)

    if (Object.keys(changes).length === 0) {
      return this.getApp(id)
    }

    const row = await this.#db
      .updateTable('apps')
      .set(changes)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()

    return row === undefined ? null : toApp(row)
  }

  async upsertUser(
    app: string,
    user: { id: string; name?: string | null; meta?: Record<string, unknown> },
  ): Promise<User> {
    // One statement, so two nodes seeing a new user at once cannot race;
    // a field the caller left out keeps its stored value.
    const row = await this.#db
      .insertInto('users')
      .values({
        app_id: app,
        id: user.id,
        name: user.name ?? null,
        meta: JSON.stringify(user.meta ?? {}),
        created_at: Date.now(),
      })
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'id']).doUpdateSet((eb) => ({
          name:
            user.name === undefined
              ? eb.ref('users.name')
              : eb.ref('excluded.name'),
          meta:
            user.meta === undefined
              ? eb.ref('users.meta')
              : eb.ref('excluded.meta'),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow()

    return toUser(row)
  }

  async getUser(app: string, id: string): Promise<User | null> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('app_id', '=', app)
      .where('id', '=', id)
      .executeTakeFirst()

    return row === undefined ? null : toUser(row)
  }

  async deleteUser(app: string, id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('members')
        .where('app_id', '=', app)
        .where('user_id', '=', id)
        .execute()

      const result = await trx
        .deleteFrom('users')
        .where('app_id', '=', app)
        .where('id', '=', id)
        .executeTakeFirst()

      return result.numDeletedRows > 0n
    })
  }

  async createRoom(room: Omit<Room, 'createdAt'>): Promise<Room> {
    // `do nothing` instead of catching the unique violation: the engines
    // report it differently, and on PostgreSQL a failed statement would
    // poison any surrounding transaction.
    const row = await this.#db
      .insertInto('rooms')
      .values({
        app_id: room.app,
        id: room.id,
        kind: room.kind,
        name: room.name,
        created_by: room.createdBy,
        created_at: Date.now(),
      })
      .onConflict((conflict) => conflict.columns(['app_id', 'id']).doNothing())
      .returningAll()
      .executeTakeFirst()

    if (row === undefined) {
      throw new AlgochatError('room_exists')
    }

    return toRoom(row)
  }

  async getRoom(app: string, id: string): Promise<Room | null> {
    const row = await this.#db
      .selectFrom('rooms')
      .selectAll()
      .where('app_id', '=', app)
      .where('id', '=', id)
      .executeTakeFirst()

    return row === undefined ? null : toRoom(row)
  }

  async listRooms(
    app: string,
    options: { kind?: RoomKind } = {},
  ): Promise<Room[]> {
    let query = this.#db
      .selectFrom('rooms')
      .selectAll()
      .where('app_id', '=', app)

    if (options.kind !== undefined) {
      query = query.where('kind', '=', options.kind)
    }

    const rows = await query.orderBy('created_at').orderBy('id').execute()

    return rows.map(toRoom)
  }

  async deleteRoom(app: string, id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('members')
        .where('app_id', '=', app)
        .where('room_id', '=', id)
        .execute()

      const result = await trx
        .deleteFrom('rooms')
        .where('app_id', '=', app)
        .where('id', '=', id)
        .executeTakeFirst()

      return result.numDeletedRows > 0n
    })
  }

  async putMember(
    app: string,
    room: string,
    user: string,
    role: Role,
  ): Promise<Member> {
    const row = await this.#db
      .insertInto('members')
      .values({
        app_id: app,
        room_id: room,
        user_id: user,
        role,
        read_seq: 0,
        banned_until: null,
        muted_until: null,
        joined_at: Date.now(),
      })
      .onConflict((conflict) =>
        conflict
          .columns(['app_id', 'room_id', 'user_id'])
          .doUpdateSet((eb) => ({ role: eb.ref('excluded.role') })),
      )
      .returningAll()
      .executeTakeFirstOrThrow()

    return toMember(row)
  }

  async getMember(
    app: string,
    room: string,
    user: string,
  ): Promise<Member | null> {
    const row = await this.#db
      .selectFrom('members')
      .selectAll()
      .where('app_id', '=', app)
      .where('room_id', '=', room)
      .where('user_id', '=', user)
      .executeTakeFirst()

    return row === undefined ? null : toMember(row)
  }

  async removeMember(
    app: string,
    room: string,
    user: string,
  ): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('members')
      .where('app_id', '=', app)
      .where('room_id', '=', room)
      .where('user_id', '=', user)
      .executeTakeFirst()

    return result.numDeletedRows > 0n
  }

  async listMembers(app: string, room: string): Promise<Member[]> {
    const rows = await this.#db
      .selectFrom('members')
      .selectAll()
      .where('app_id', '=', app)
      .where('room_id', '=', room)
      .orderBy('joined_at')
      .orderBy('user_id')
      .execute()

    return rows.map(toMember)
  }

  async listMemberships(app: string, user: string): Promise<Membership[]> {
    const rows = await this.#db
      .selectFrom('members')
      .innerJoin('rooms', (join) =>
        join
          .onRef('rooms.app_id', '=', 'members.app_id')
          .onRef('rooms.id', '=', 'members.room_id'),
      )
      .selectAll('members')
      .select(['rooms.kind', 'rooms.name'])
      .where('members.app_id', '=', app)
      .where('members.user_id', '=', user)
      .orderBy('members.joined_at')
      .orderBy('members.room_id')
      .execute()

    return rows.map(toMembership)
  }

  async setReadSeq(
    app: string,
    room: string,
    user: string,
    seq: number,
  ): Promise<void> {
    // The comparison lives in the statement so concurrent receipts from
    // two tabs can only ever raise the mark.
    await this.#updateMember(app, room, user, { read_seq: seq })
      .where('read_seq', '<', seq)
      .execute()
  }

  async setBan(
    app: string,
    room: string,
    user: string,
    until: number | null,
  ): Promise<void> {
    await this.#updateMember(app, room, user, { banned_until: until }).execute()
  }

  async setMute(
    app: string,
    room: string,
    user: string,
    until: number | null,
  ): Promise<void> {
    await this.#updateMember(app, room, user, { muted_until: until }).execute()
  }

  /** An update of one member row, ready for more conditions. */
  #updateMember(
    app: string,
    room: string,
    user: string,
    values: Updateable<MembersTable>,
  ) {
    return this.#db
      .updateTable('members')
      .set(values)
      .where('app_id', '=', app)
      .where('room_id', '=', room)
      .where('user_id', '=', user)
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.#db)
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    await this.#db.destroy()
  }
}

function appChanges(patch: AppPatch): Updateable<AppsTable> {
  const changes: Updateable<AppsTable> = {}

  if (patch.name !== undefined) changes.name = patch.name
  if (patch.secret !== undefined) changes.secret = patch.secret
  if (patch.allowedOrigins !== undefined) {
    changes.allowed_origins = JSON.stringify(patch.allowedOrigins)
  }
  if (patch.allowGuests !== undefined) {
    changes.allow_guests = patch.allowGuests ? 1 : 0
  }
  if (patch.publicKeys !== undefined) {
    changes.public_keys = JSON.stringify(patch.publicKeys)
  }

  return changes
}
