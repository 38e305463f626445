import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll } from 'vitest'

import { describeMessageStoreContract } from '../message-store-contract.js'
import { openSqlite } from './open-sqlite.js'
import { createSqliteMessageStore } from './sqlite-message-store.js'

const dir = mkdtempSync(join(tmpdir(), 'algochat-messages-'))
const path = join(dir, 'messages.db')

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

// Every call opens the same file, as a restarted server would.
describeMessageStoreContract('sqlite', async () =>
  createSqliteMessageStore(openSqlite(path)),
)
