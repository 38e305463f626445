import { sql } from 'kysely'
import type { Kysely, Migration } from 'kysely'

/**
 * Message store schema, in order. A published migration is never edited,
 * only followed by a new one.
 */
export const eventsMigrations: Record<string, Migration> = {
  '0001_events': { up: createEventsTable },
}

async function createEventsTable(db: Kysely<unknown>): Promise<void> {
  // An ordinary rowid table: with WITHOUT ROWID, SQLite's planner kept
  // choosing a scan of the whole room over the secondary indexes below.
  await db.schema
    .createTable('events')
    .ifNotExists()
    .addColumn('app_id', 'text', (col) => col.notNull())
    .addColumn('room_id', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('client_id', 'text', (col) => col.notNull())
    .addColumn('at', 'integer', (col) => col.notNull())
    .addColumn('text', 'text')
    .addColumn('parent', 'text')
    .addColumn('mentions', 'text')
    .addColumn('target', 'text')
    .addColumn('emoji', 'text')
    .addColumn('reaction_on', 'integer')
    .addColumn('edited_at', 'integer')
    .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('reactions', 'text')
    .execute()

  // The position of an event in its room, and the range that history and
  // replay read.
  await db.schema
    .createIndex('events_by_seq')
    .ifNotExists()
    .unique()
    .on('events')
    .columns(['app_id', 'room_id', 'seq'])
    .execute()

  // The dedup key. User before room, so erasing a user's text across
  // every room uses the same index.
  await db.schema
    .createIndex('events_by_client_id')
    .ifNotExists()
    .unique()
    .on('events')
    .columns(['app_id', 'user_id', 'room_id', 'client_id'])
    .execute()

  // Partial indexes: history and unread counts skip edits and reactions,
  // and target lookups only ever look for messages or edits. Queries
  // must spell the kind as a literal for SQLite to pick these.
  await db.schema
    .createIndex('events_messages_by_seq')
    .ifNotExists()
    .on('events')
    .columns(['app_id', 'room_id', 'seq'])
    .where(sql.ref('kind'), '=', sql.lit('message'))
    .execute()

  await db.schema
    .createIndex('events_messages_by_id')
    .ifNotExists()
    .on('events')
    .columns(['app_id', 'room_id', 'id'])
    .where(sql.ref('kind'), '=', sql.lit('message'))
    .execute()

  await db.schema
    .createIndex('events_edits_by_target')
    .ifNotExists()
    .on('events')
    .columns(['app_id', 'room_id', 'target'])
    .where(sql.ref('kind'), '=', sql.lit('edit'))
    .execute()
}
