import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'

import type { AccountDb } from '../sql/account-db.js'

export interface PostgresOptions {
  /**
   * Most connections the pool opens.
   * @default 10
   */
  maxConnections?: number
  /**
   * How long to wait for a connection, in milliseconds, before a query
   * fails; keeps requests from hanging while the database is down.
   * @default 5000
   */
  connectTimeoutMs?: number
  /**
   * Called when an idle pooled connection fails (the server restarted or
   * dropped it). The pool discards that connection and opens a new one on
   * the next query; without a listener the error would end the process.
   * @default ignores the error
   */
  onIdleError?: (error: Error) => void
}

const defaults: Required<PostgresOptions> = {
  maxConnections: 10,
  connectTimeoutMs: 5000,
  onIdleError: () => {},
}

/**
 * Kysely over a pg pool for the account store, from a URL such as
 * `postgres://user:pass@host:5432/db`.
 *
 * Times and seqs are `bigint` columns, which pg returns as strings by
 * default. This pool parses them as numbers instead: epoch milliseconds
 * and seqs stay far below 2^53. The parser is set on this pool only, so
 * other pg users in the process keep the default.
 */
export function createPostgresKysely(
  url: string,
  options: PostgresOptions = {},
): Kysely<AccountDb> {
  const settings = { ...defaults, ...options }

  const pool = new pg.Pool({
    connectionString: url,
    max: settings.maxConnections,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    types: { getTypeParser },
  })

  pool.on('error', settings.onIdleError)

  return new Kysely<AccountDb>({ dialect: new PostgresDialect({ pool }) })
}

const getTypeParser: typeof pg.types.getTypeParser = (
  oid: number,
  format?: 'text' | 'binary',
) => {
  if (oid === pg.types.builtins.INT8 && format !== 'binary') {
    return Number
  }

  return pg.types.getTypeParser(oid, format)
}
