import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll } from 'vitest'

import { openSqlite } from '../sqlite/open-sqlite.js'
import type { AccountDb } from './account-db.js'
import { describeAccountStoreContract } from './account-store-contract.js'
import { createSqlAccountStore } from './sql-account-store.js'

const dir = mkdtempSync(join(tmpdir(), 'algochat-accounts-'))

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describeAccountStoreContract('sqlite', async () => {
  const file = openSqlite(join(dir, 'algochat.db'))
  return createSqlAccountStore(file.kysely.withTables<AccountDb>())
})
