import type { RoomEvent, StoredMessage } from '@algochat/protocol'
import { sql } from 'kysely'
import type { Kysely } from 'kysely'

import type { AppEvent, MessageStore, Page } from '../../ports/index.js'
import { runMigrations } from '../sql/run-migrations.js'
import { ClientIdLookup } from './client-id-lookup.js'
import { EventBatchWriter } from './event-batch-writer.js'
import { toRoomEvent, toStoredMessage } from './event-row.js'
import type { EventsDb } from './events-db.js'
import { eventsMigrations } from './events-migrations.js'
import type { SqliteFile } from './open-sqlite.js'

/**
 * Rooms per statement in the per-room union queries. SQLite caps a
 * compound select at 500 terms; 100 keeps statements short to prepare.
 */
const roomsPerQuery = 100

/**
 * Spelled as a literal rather than bound, so SQLite can match the partial
 * indexes on message rows.
 */
const messageKind = sql.lit<'message'>('message')

/**
 * Message store in a SQLite file. Reads go through Kysely; writeBatch
 * goes through prepared better-sqlite3 statements (see EventBatchWriter).
 * Both hold the file's single connection, so they never interleave.
 */
export function createSqliteMessageStore(file: SqliteFile): MessageStore {
  return new SqliteMessageStore(file)
}

class SqliteMessageStore implements MessageStore {
  readonly #file: SqliteFile
  readonly #db: Kysely<EventsDb>
  #writer: EventBatchWriter | undefined
  #lookup: ClientIdLookup | undefined

  constructor(file: SqliteFile) {
    this.#file = file
    this.#db = file.kysely.withTables<EventsDb>()
  }

  async migrate(): Promise<void> {
    await runMigrations(this.#db, eventsMigrations, 'message_migrations')
  }

  async lastSeqs(
    app: string,
    rooms: readonly string[],
  ): Promise<Map<string, number>> {
    const seqs = new Map<string, number>()

    // One max() per room, so each is a single index probe; a grouped
    // max over several rooms would walk every row of them.
    for (const chunk of chunks([...new Set(rooms)], roomsPerQuery)) {
      const perRoom = chunk.map((room) =>
        this.#db
          .selectFrom('events')
          .select((eb) => [
            sql<string>`${room}`.as('room'),
            eb.fn.max('seq').as('seq'),
          ])
          .where('app_id', '=', app)
          .where('room_id', '=', room),
      )

      const rows = await unionAll(perRoom).execute()

      for (const row of rows) {
        if (row.seq !== null) {
          seqs.set(row.room, row.seq)
        }
      }
    }

    return seqs
  }

  async findByClientIds(
    app: string,
    room: string,
    keys: readonly { user: string; clientId: string }[],
  ): Promise<AppEvent[]> {
    if (keys.length === 0) return []
    const rows = await this.#file.exclusive((database) => {
      this.#lookup ??= new ClientIdLookup(database)
      return this.#lookup.find(app, room, keys)
    })
    return rows.map((row) => ({ ...toRoomEvent(row), app }))
  }

  async writeBatch(events: readonly AppEvent[]): Promise<void> {
    if (events.length === 0) {
      return
    }

    await this.#file.exclusive((database) => {
      // Prepared on first use: the statements need the migrated table.
      this.#writer ??= new EventBatchWriter(database)
      this.#writer.write(events)
    })
  }

  async insertNew(events: readonly AppEvent[]): Promise<boolean> {
    if (events.length === 0) {
      return true
    }

    return this.#file.exclusive((database) => {
      this.#writer ??= new EventBatchWriter(database)
      return this.#writer.writeNew(events)
    })
  }

  async getMessage(
    app: string,
    room: string,
    id: string,
  ): Promise<StoredMessage | null> {
    const row = await this.#db
      .selectFrom('events')
      .selectAll()
      .where('app_id', '=', app)
      .where('room_id', '=', room)
      .where('kind', '=', messageKind)
      .where('id', '=', id)
      .executeTakeFirst()

    return row === undefined ? null : toStoredMessage(row)
  }

  async history(
    app: string,
    room: string,
    before: number | undefined,
    limit: number,
  ): Promise<Page<StoredMessage>> {
    let query = this.#db
      .selectFrom('events')
      .selectAll()
      .where('app_id', '=', app)
      .where('room_id', '=', room)
      .where('kind', '=', messageKind)

    if (before !== undefined) {
      query = query.where('seq', '<', before)
    }

    // Newest first to take the page next to `before`, one extra row to
    // learn whether older messages exist, then flipped to reading order.
    const rows = await query
      .orderBy('seq', 'desc')
      .limit(limit + 1)
      .execute()

    const page = rows.slice(0, limit).reverse()

    return { items: page.map(toStoredMessage), more: rows.length > limit }
  }

  async replay(
    app: string,
    room: string,
    after: number,
    limit: number,
  ): Promise<Page<RoomEvent>> {
    const rows = await this.#db
      .selectFrom('events')
      .selectAll()
      .where('app_id', '=', app)
      .where('room_id', '=', room)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit + 1)
      .execute()

    const page = rows.slice(0, limit)

    return { items: page.map(toRoomEvent), more: rows.length > limit }
  }

  async unreadCounts(
    app: string,
    marks: readonly { room: string; after: number }[],
    cap: number,
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>()

    // Each room counts at most `cap` rows, so a member who has been away
    // from a busy room costs no more than one who has not.
    for (const chunk of chunks(marks, roomsPerQuery)) {
      const perRoom = chunk.map((mark) =>
        this.#db
          .selectFrom((db) =>
            db
              .selectFrom('events')
              .select('seq')
              .where('app_id', '=', app)
              .where('room_id', '=', mark.room)
              .where('kind', '=', messageKind)
              .where('seq', '>', mark.after)
              .limit(Math.max(cap, 0))
              .as('capped'),
          )
          .select((eb) => [
            sql<string>`${mark.room}`.as('room'),
            eb.fn.countAll<number>().as('unread'),
          ]),
      )

      const rows = await unionAll(perRoom).execute()

      for (const row of rows) {
        counts.set(row.room, row.unread)
      }
    }

    return counts
  }

  async eraseUser(app: string, user: string): Promise<number> {
    const result = await this.#db
      .updateTable('events')
      .set({ text: '' })
      .where('app_id', '=', app)
      .where('user_id', '=', user)
      .where('kind', 'in', [messageKind, sql.lit<'edit'>('edit')])
      .where('text', '<>', '')
      .executeTakeFirst()

    return Number(result.numUpdatedRows)
  }

  async deleteRoom(app: string, room: string): Promise<void> {
    await this.#db
      .deleteFrom('events')
      .where('app_id', '=', app)
      .where('room_id', '=', room)
      .execute()
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
    await this.#file.close()
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = []

  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size))
  }

  return result
}

/** Joins same-shaped queries with `union all`; needs at least one. */
function unionAll<Q extends { unionAll(other: Q): Q }>(queries: Q[]): Q {
  const [first, ...rest] = queries

  if (first === undefined) {
    throw new Error('unionAll needs at least one query')
  }

  return rest.reduce((union, query) => union.unionAll(query), first)
}
