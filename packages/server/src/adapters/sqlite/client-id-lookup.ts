import type BetterSqlite3 from 'better-sqlite3'
import type { EventsTable } from './events-db.js'

/**
 * Finds stored events by (app, user, room, clientId) with one statement
 * prepared once, probing the unique index key by key. The sequencer asks
 * this for every command it sees; a query built per call (as Kysely
 * does) would be compiled and planned again each time.
 */
export class ClientIdLookup {
  readonly #byKey: BetterSqlite3.Statement<
    [string, string, string, string],
    EventsTable
  >

  constructor(database: BetterSqlite3.Database) {
    this.#byKey = database.prepare(
      `select * from events
       where app_id = ? and user_id = ? and room_id = ? and client_id = ?`,
    )
  }

  find(
    app: string,
    room: string,
    keys: readonly { user: string; clientId: string }[],
  ): EventsTable[] {
    const rows: EventsTable[] = []
    for (const { user, clientId } of keys) {
      const row = this.#byKey.get(app, user, room, clientId)
      if (row) rows.push(row)
    }
    return rows.sort((a, b) => a.seq - b.seq)
  }
}
