import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withoutEngines } from '../support/server-process.js'
import { engineEnv } from './support/cluster.js'

const execute = promisify(execFile)
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))

const database = `algochat_migrate_${randomBytes(4).toString('hex')}`
let server: pg.Client
let db: pg.Client
let databaseUrl: string

beforeAll(async () => {
  const { POSTGRES_URL } = engineEnv()
  server = new pg.Client({ connectionString: POSTGRES_URL })
  await server.connect()
  await server.query(`CREATE DATABASE "${database}"`)

  const url = new URL(POSTGRES_URL)
  url.pathname = `/${database}`
  databaseUrl = url.toString()
  db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
})

afterAll(async () => {
  await db?.end()
  await server?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  await server?.end()
})

/** `algochat migrate` with only the account store on PostgreSQL. */
async function migrate(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'algochat-migrate-'))
  const { stdout } = await execute(
    process.execPath,
    [cli, 'migrate', '--data', dataDir],
    {
      env: { ...withoutEngines(process.env, true), POSTGRES_URL: databaseUrl },
    },
  )
  return stdout
}

async function schema() {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' ORDER BY table_name`,
  )
  const indexes = await db.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes
     WHERE schemaname = 'public' ORDER BY indexname`,
  )
  const applied = await db.query<{ name: string; timestamp: string }>(
    'SELECT name, timestamp FROM account_migrations ORDER BY name',
  )
  return {
    tables: tables.rows.map((row) => row.name),
    indexes: indexes.rows.map((row) => row.name),
    applied: applied.rows,
  }
}

describe('algochat migrate on PostgreSQL', () => {
  it('creates the account tables in an empty database, then changes nothing on a second run', async () => {
    const before = await db.query(
      `SELECT count(*)::int AS n FROM information_schema.tables
       WHERE table_schema = 'public'`,
    )
    expect(before.rows[0]).toEqual({ n: 0 })

    expect(await migrate()).toContain('migrations applied')
    const first = await schema()
    expect(first.tables).toEqual(
      expect.arrayContaining(['apps', 'users', 'rooms', 'members']),
    )
    expect(first.indexes).toContain('members_by_user')
    expect(first.applied.map((row) => row.name)).toEqual(['0001_accounts'])

    expect(await migrate()).toContain('migrations applied')
    expect(await schema()).toEqual(first)
  })
})
