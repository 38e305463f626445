import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { sleep } from '../util/sleep.js'

/** FerretDB's table of collections in each database file. */
const collectionsTable = '_ferretdb_collections'
/** Rows read at most per look; the rest come with the next one. */
const maxRows = 20_000

/**
 * Reads the documents a collection gained since the last look, straight
 * from the SQLite file FerretDB keeps the database in, opened read-only.
 *
 * Not through the MongoDB protocol, on purpose: FerretDB 1.24's SQLite
 * handler narrows a query in SQL only for an `_id` equality, so any
 * "newer than" filter reads and decodes the whole collection, and a
 * reader polling that way would cost FerretDB more than the server's
 * own writes. Here a look is a range on the table's rowid, which SQLite
 * assigns in commit order because it runs one writer at a time, so
 * nothing committed is skipped, and a committed row is exactly what a
 * MongoDB client of FerretDB can read.
 */
export class FerretDbTail {
  readonly #db: Database.Database
  readonly #read: Database.Statement<[number, number], Row>
  #lastRowid = 0

  private constructor(db: Database.Database, table: string) {
    this.#db = db
    this.#read = db.prepare(
      `select rowid, json_extract(_ferretdb_sjson, '$.kind') as kind,
        json_extract(_ferretdb_sjson, '$.text') as text
      from "${table.replaceAll('"', '""')}"
      where rowid > ? order by rowid limit ?`,
    )
  }

  /**
   * Waits up to `timeoutMs` for the database file and the collection,
   * which the server creates when it connects, and opens them.
   */
  static async open(
    dataDir: string,
    database: string,
    collection: string,
    timeoutMs: number,
  ): Promise<FerretDbTail> {
    const file = join(dataDir, `${database}.sqlite`)
    const deadline = performance.now() + timeoutMs
    for (;;) {
      if (existsSync(file)) {
        const db = new Database(file, { readonly: true, fileMustExist: true })
        const row = db
          .prepare(`select table_name from ${collectionsTable} where name = ?`)
          .get(collection) as { table_name: string } | undefined
        if (row) return new FerretDbTail(db, row.table_name)
        db.close()
      }
      if (performance.now() > deadline) {
        throw new Error(`no collection ${collection} in ${file}`)
      }
      await sleep(200)
    }
  }

  /** Texts of the message documents stored since the last call. */
  readMessages(): string[] {
    const rows = this.#read.all(this.#lastRowid, maxRows)
    const last = rows.at(-1)
    if (last) this.#lastRowid = last.rowid
    return rows.flatMap((row) =>
      row.kind === 'message' && typeof row.text === 'string' ? [row.text] : [],
    )
  }

  close(): void {
    this.#db.close()
  }
}

interface Row {
  rowid: number
  kind: unknown
  text: unknown
}
