import type { ServerConfig } from '../config.js'
import {
  embeddedBus,
  embeddedLog,
  embeddedPresence,
  openDataFile,
  sqliteAccountStore,
  sqliteMessageStore,
  type Adapters,
} from './embedded-adapters.js'

/**
 * Picks each port's adapter from the config: an engine URL selects the
 * scale adapter, its absence the embedded one, so mixed setups work.
 */
export async function selectAdapters(config: ServerConfig): Promise<Adapters> {
  const scale = [
    config.redisUrl && 'REDIS_URL',
    config.kafkaBrokers && 'KAFKA_BROKERS',
    config.mongoUrl && 'MONGO_URL',
    config.postgresUrl && 'POSTGRES_URL',
  ].filter(Boolean)
  if (scale.length > 0) {
    throw new Error(
      `This build has no scale adapters yet; unset ${scale.join(', ')}`,
    )
  }

  const file = openDataFile(config)
  return {
    accounts: sqliteAccountStore(file),
    messages: sqliteMessageStore(file),
    log: embeddedLog(),
    bus: embeddedBus(),
    presence: embeddedPresence(),
    dispose: () => file.close(),
  }
}
