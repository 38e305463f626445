import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'

import { createSqlAccountStore } from '../sql/sql-account-store.js'
import { createPostgresKysely } from './create-postgres-kysely.js'

// Nothing listens on port 1, so these run without a database. The suite
// against a live PostgreSQL is test/scale/account-store.postgres.test.ts.
const unreachable = 'postgres://algochat@127.0.0.1:1/algochat'

describe('createPostgresKysely', () => {
  test('a store over an unreachable database pings false instead of throwing', async () => {
    const store = createSqlAccountStore(createPostgresKysely(unreachable))

    expect(await store.ping()).toBe(false)

    await store.close()
  })

  test('a query against an unreachable database fails with the connection error', async () => {
    const db = createPostgresKysely(unreachable, { connectTimeoutMs: 1000 })

    await expect(sql`select 1`.execute(db)).rejects.toThrow(/ECONNREFUSED/)

    await db.destroy()
  })
})
