import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'

import {
  startWalCheckpointer,
  type CheckpointerOptions,
} from './wal-checkpointer.js'

export interface SqliteOptions {
  /**
   * How long a statement waits for a lock held by another process (a CLI
   * command next to the running server) before failing, in milliseconds.
   * @default 5000
   */
  busyTimeoutMs?: number
  /**
   * `normal` survives a crashed process and is much faster in WAL mode;
   * `full` also survives power loss of the last commits.
   * @default 'normal'
   */
  synchronous?: 'normal' | 'full'
  /**
   * Where the write-ahead log is copied back into the file: in a worker
   * thread (see wal-checkpointer.ts), or on commit as SQLite does by
   * itself. A file in memory has no log and always stays on commit.
   * @default a worker, where the compiled worker is found
   */
  checkpoints?: 'commit' | CheckpointerOptions
}

const defaults = {
  busyTimeoutMs: 5000,
  synchronous: 'normal',
} as const satisfies SqliteOptions

/**
 * One SQLite file shared by the embedded stores. Every store goes through
 * the same Kysely instance, whose single connection is guarded by a mutex,
 * so their statements and transactions never interleave.
 */
export interface SqliteFile {
  readonly path: string
  /** The file's Kysely instance; each store narrows it with `withTables`. */
  readonly kysely: Kysely<Record<never, never>>
  /**
   * Runs synchronous work on the raw better-sqlite3 handle while holding
   * the file's only connection. Without it the work could run between two
   * statements of a transaction Kysely has open, and SQLite would fold it
   * into that transaction, rolling it back with it.
   */
  exclusive<T>(work: (database: BetterSqlite3.Database) => T): Promise<T>
  /** Closes the file; safe to call more than once. */
  close(): Promise<void>
}

/** Opens (creating when missing) a SQLite file in WAL mode. */
export function openSqlite(
  path: string,
  options: SqliteOptions = {},
): SqliteFile {
  const settings = { ...defaults, ...options }

  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true })
  }

  // WAL lets readers (history, replay) proceed while the sequencer writes.
  const database = new Database(path)
  database.pragma('journal_mode = WAL')
  database.pragma(`busy_timeout = ${settings.busyTimeoutMs}`)
  database.pragma(`synchronous = ${settings.synchronous}`)

  const checkpoints = settings.checkpoints ?? {}
  const checkpointer =
    path === ':memory:' || checkpoints === 'commit'
      ? undefined
      : startWalCheckpointer(path, database, checkpoints)

  const kysely = new Kysely<Record<never, never>>({
    dialect: new SqliteDialect({ database }),
  })

  return {
    path,
    kysely,

    exclusive: (work) =>
      kysely.connection().execute(async () => work(database)),

    close: async () => {
      // The worker goes first, so that closing the last connection can
      // fold the log into the file and remove it.
      await checkpointer?.stop()
      await kysely.destroy()

      // Kysely only closes a database it has used; a file opened and
      // closed without a query would otherwise stay open.
      if (database.open) {
        database.close()
      }
    },
  }
}
