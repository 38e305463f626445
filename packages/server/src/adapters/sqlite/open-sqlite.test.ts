import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { sql } from 'kysely'
import { afterAll, describe, expect, test } from 'vitest'

import type { AccountDb } from '../sql/account-db.js'
import { createSqlAccountStore } from '../sql/sql-account-store.js'
import { openSqlite } from './open-sqlite.js'
import { createSqliteMessageStore } from './sqlite-message-store.js'

const dir = mkdtempSync(join(tmpdir(), 'algochat-sqlite-'))
let fileCount = 0

function nextPath(): string {
  fileCount += 1
  return join(dir, `file-${fileCount}.db`)
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

async function pragma(
  file: ReturnType<typeof openSqlite>,
  name: string,
): Promise<unknown> {
  const { rows } = await sql
    .raw<Record<string, unknown>>(`pragma ${name}`)
    .execute(file.kysely)
  return Object.values(rows[0] ?? {})[0]
}

describe('openSqlite', () => {
  test('opens the file in WAL mode with a 5 s busy timeout by default', async () => {
    const file = openSqlite(nextPath())

    expect(await pragma(file, 'journal_mode')).toBe('wal')
    expect(await pragma(file, 'busy_timeout')).toBe(5000)
    expect(await pragma(file, 'synchronous')).toBe(1)

    await file.close()
  })

  test('applies the busy timeout and synchronous options', async () => {
    const file = openSqlite(nextPath(), {
      busyTimeoutMs: 250,
      synchronous: 'full',
    })

    expect(await pragma(file, 'busy_timeout')).toBe(250)
    expect(await pragma(file, 'synchronous')).toBe(2)

    await file.close()
  })

  test('creates missing parent directories', async () => {
    const path = join(dir, 'nested', 'deeper', 'algochat.db')

    const file = openSqlite(path)
    await file.close()

    expect(existsSync(path)).toBe(true)
  })

  test('close is safe to call twice, even on a file never queried', async () => {
    const file = openSqlite(nextPath())

    await file.close()
    await file.close()

    await expect(sql`select 1`.execute(file.kysely)).rejects.toThrow()
  })

  test('exclusive work waits for an open Kysely transaction instead of joining it', async () => {
    const file = openSqlite(nextPath())
    await sql`create table t (v integer)`.execute(file.kysely)

    let release = (): void => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const transaction = file.kysely.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx)
      await gate
      throw new Error('roll back')
    })
    await new Promise((resolve) => setTimeout(resolve, 20))

    const work = file.exclusive((database) =>
      database.prepare('insert into t values (2)').run(),
    )
    release()

    await expect(transaction).rejects.toThrow('roll back')
    await work
    const { rows } = await sql<{ v: number }>`select v from t`.execute(
      file.kysely,
    )
    expect(rows).toEqual([{ v: 2 }])

    await file.close()
  })

  test('an account store and a message store share one file', async () => {
    const path = nextPath()
    const file = openSqlite(path)
    const accounts = createSqlAccountStore(file.kysely.withTables<AccountDb>())
    const messages = createSqliteMessageStore(file)
    await accounts.migrate()
    await messages.migrate()
    await messages.migrate()
    await accounts.migrate()

    await accounts.putMember('app1', 'lobby', 'ada', 'member')
    await messages.writeBatch([
      {
        app: 'app1',
        room: 'lobby',
        seq: 1,
        id: 'm1',
        user: 'ada',
        clientId: 'c1',
        at: 1,
        kind: 'message',
        text: 'hi',
      },
    ])

    expect(await accounts.getMember('app1', 'lobby', 'ada')).not.toBeNull()
    expect(await messages.getMessage('app1', 'lobby', 'm1')).not.toBeNull()

    await accounts.close()
    await messages.close()
  })
})
