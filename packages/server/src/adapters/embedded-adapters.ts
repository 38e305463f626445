import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { ServerConfig } from '../config.js'
import type { AccountStore } from '../ports/account-store.js'
import type { FanoutBus } from '../ports/fanout-bus.js'
import type { MessageLog } from '../ports/message-log.js'
import type { MessageStore } from '../ports/message-store.js'
import type { PresenceRegistry } from '../ports/presence-registry.js'
import { MemoryBus } from './memory/memory-bus.js'
import { MemoryLog } from './memory/memory-log.js'
import { MemoryPresence } from './memory/memory-presence.js'
import type { AccountDb } from './sql/account-db.js'
import { createSqlAccountStore } from './sql/sql-account-store.js'
import { openSqlite, type SqliteFile } from './sqlite/open-sqlite.js'
import { createSqliteMessageStore } from './sqlite/sqlite-message-store.js'

/** The engines a node talks to, one per port. */
export interface Adapters {
  accounts: AccountStore
  messages: MessageStore
  log: MessageLog
  bus: FanoutBus
  presence: PresenceRegistry
  /** Closes what the adapters opened beyond their own close(). */
  dispose(): Promise<void>
}

/** The SQLite file of a data directory, opened once per process. */
export function openDataFile(config: ServerConfig): SqliteFile {
  return openSqlite(join(config.dataDir, 'algochat.db'))
}

export function sqliteAccountStore(file: SqliteFile): AccountStore {
  return createSqlAccountStore(file.kysely as unknown as Kysely<AccountDb>)
}

export function sqliteMessageStore(file: SqliteFile): MessageStore {
  return createSqliteMessageStore(file)
}

export function embeddedBus(): FanoutBus {
  return new MemoryBus()
}

export function embeddedLog(): MessageLog {
  return new MemoryLog()
}

export function embeddedPresence(): PresenceRegistry {
  return new MemoryPresence()
}
