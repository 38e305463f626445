import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, test } from 'vitest'

import { openSqlite } from './open-sqlite.js'

const dir = mkdtempSync(join(tmpdir(), 'algochat-checkpoint-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// A worker thread starts from a JavaScript module: the built one, which
// the test command builds before any test runs.
const workerUrl = new URL(
  '../../../dist/sqlite-checkpoint-worker.js',
  import.meta.url,
)
const built = { workerUrl, intervalMs: 50 }

/** About 4 MB of rows: four times what SQLite logs before checkpointing. */
async function writeRows(file: ReturnType<typeof openSqlite>) {
  await file.exclusive((database) => {
    database.exec('create table t (id integer primary key, body text)')
    const insert = database.prepare('insert into t (body) values (?)')
    for (let i = 0; i < 1_000; i++) insert.run('x'.repeat(4_000))
  })
}

function pragma(file: ReturnType<typeof openSqlite>, name: string) {
  return file.exclusive((database) => database.pragma(name, { simple: true }))
}

async function eventually(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition never held')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('WAL checkpoints', () => {
  test('a worker copies the log into the file, not the commits', async () => {
    expect(existsSync(workerUrl), 'build the server first').toBe(true)
    const path = join(dir, 'worker.db')
    const file = openSqlite(path, { checkpoints: built })

    expect(await pragma(file, 'wal_autocheckpoint')).toBe(0)
    await writeRows(file)

    // With commits no longer checkpointing, only the worker can have
    // grown the database file past its first pages.
    await eventually(() => statSync(path).size > 3_000_000, 10_000)
    await file.close()
  })

  test('commits checkpoint as usual when the worker is not used', async () => {
    const path = join(dir, 'commit.db')
    const file = openSqlite(path, { checkpoints: 'commit' })

    expect(await pragma(file, 'wal_autocheckpoint')).toBe(1000)
    await writeRows(file)
    expect(statSync(path).size).toBeGreaterThan(3_000_000)
    await file.close()
  })

  test('commits take checkpoints back when the worker stops', async () => {
    const path = join(dir, 'stopped.db')
    const file = openSqlite(path, {
      checkpoints: {
        ...built,
        workerUrl: new URL('./no-such-worker.js', import.meta.url),
      },
    })

    // The worker fails to load and exits; the file must not be left with
    // nobody checkpointing it.
    let pages = await pragma(file, 'wal_autocheckpoint')
    for (let tries = 0; pages !== 1000 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      pages = await pragma(file, 'wal_autocheckpoint')
    }
    expect(pages).toBe(1000)
    await file.close()
  })
})
