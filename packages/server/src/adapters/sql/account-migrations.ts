import type { Kysely, Migration } from 'kysely'

/**
 * Account schema, in order. Names sort lexically, so keep the numeric
 * prefix; a published migration is never edited, only followed by a new
 * one. Types are the portable subset: `text`, `integer`, `bigint`.
 */
export const accountMigrations: Record<string, Migration> = {
  '0001_accounts': { up: createAccountTables },
}

async function createAccountTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('apps')
    .ifNotExists()
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('allowed_origins', 'text', (col) => col.notNull())
    .addColumn('allow_guests', 'integer', (col) => col.notNull())
    .addColumn('public_keys', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .ifNotExists()
    .addColumn('app_id', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('meta', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('users_pk', ['app_id', 'id'])
    .execute()

  await db.schema
    .createTable('rooms')
    .ifNotExists()
    .addColumn('app_id', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('rooms_pk', ['app_id', 'id'])
    .execute()

  await db.schema
    .createTable('members')
    .ifNotExists()
    .addColumn('app_id', 'text', (col) => col.notNull())
    .addColumn('room_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('read_seq', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('banned_until', 'bigint')
    .addColumn('muted_until', 'bigint')
    .addColumn('joined_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('members_pk', ['app_id', 'room_id', 'user_id'])
    .execute()

  // "My rooms" and user deletion look members up by user, not by room.
  await db.schema
    .createIndex('members_by_user')
    .ifNotExists()
    .on('members')
    .columns(['app_id', 'user_id'])
    .execute()
}
