import { test } from 'vitest'

import { createPostgresKysely } from '../../src/adapters/postgres/create-postgres-kysely.js'
import { describeAccountStoreContract } from '../../src/adapters/sql/account-store-contract.js'
import { createSqlAccountStore } from '../../src/adapters/sql/sql-account-store.js'

// The scale suite runs with the engines up; a missing URL is a broken
// setup, so it fails loudly rather than passing with nothing tested.
const url = process.env.POSTGRES_URL

if (url === undefined || url === '') {
  test('POSTGRES_URL is set', () => {
    throw new Error(
      'POSTGRES_URL is not set. Start the engines with ' +
        '`bash scripts/engines/engines.sh up` and `source .engines/env`, ' +
        'or point POSTGRES_URL at a PostgreSQL database.',
    )
  })
} else {
  describeAccountStoreContract('postgres', async () =>
    createSqlAccountStore(createPostgresKysely(url)),
  )
}
