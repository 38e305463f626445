import { Migrator } from 'kysely'
import type { Kysely, Migration } from 'kysely'

/**
 * Brings a schema up to date with migrations defined in code, so nothing
 * is read from disk at runtime and a bundled server carries its schema.
 *
 * Each store keeps its own bookkeeping table: several stores share one
 * SQLite file, and Kysely treats a recorded migration that its provider
 * does not know as corruption.
 */
export async function runMigrations<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
  tableName: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: tableName,
    migrationLockTableName: `${tableName}_lock`,
  })

  const { error, results } = await migrator.migrateToLatest()

  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')
    const which = failed === undefined ? '' : ` (${failed.migrationName})`
    throw new Error(`Migration of ${tableName} failed${which}`, {
      cause: error,
    })
  }
}
