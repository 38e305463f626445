import type { Logger } from 'pino'
import type { ServerConfig } from '../config.js'
import type { AccountStore } from '../ports/account-store.js'
import type { MessageStore } from '../ports/message-store.js'
import {
  embeddedBus,
  embeddedLog,
  embeddedPresence,
  openDataFile,
  sqliteAccountStore,
  sqliteMessageStore,
  type Adapters,
} from './embedded-adapters.js'
import { KafkaLog } from './kafka/kafka-log.js'
import { createPostgresKysely } from './postgres/create-postgres-kysely.js'
import { RedisBus } from './redis/redis-bus.js'
import { connectRedis, whenReady } from './redis/redis-connection.js'
import { RedisPresence } from './redis/redis-presence.js'
import type { SqliteFile } from './sqlite/open-sqlite.js'
import { createSqlAccountStore } from './sql/sql-account-store.js'

export interface AdapterContext {
  logger: Logger
  nodeId: string
}

/**
 * Picks each port's adapter from the config: an engine URL selects the
 * scale adapter, its absence the embedded one, so mixed setups work.
 */
export async function selectAdapters(
  config: ServerConfig,
  { logger, nodeId }: AdapterContext,
): Promise<Adapters> {
  const closers: (() => Promise<unknown>)[] = []
  let file: SqliteFile | undefined
  const dataFile = () => {
    file ??= openDataFile(config)
    return file
  }

  const accounts: AccountStore = config.postgresUrl
    ? createSqlAccountStore(
        createPostgresKysely(config.postgresUrl, {
          onIdleError: (error) =>
            logger.warn({ err: error }, 'postgres connection dropped'),
        }),
      )
    : sqliteAccountStore(dataFile())

  const messages: MessageStore = config.mongoUrl
    ? await connectMessageStore(config.mongoUrl)
    : sqliteMessageStore(dataFile())

  const log = config.kafkaBrokers
    ? await KafkaLog.connect({
        brokers: config.kafkaBrokers,
        topic: config.kafkaTopic,
        partitions: config.kafkaPartitions,
        replicationFactor: config.kafkaReplicationFactor,
        groupId: config.kafkaGroup,
        clientId: nodeId,
        logger,
      })
    : embeddedLog()

  let bus = embeddedBus()
  let presence = embeddedPresence()
  if (config.redisUrl) {
    bus = await RedisBus.connect(config.redisUrl, logger)
    const redis = connectRedis(config.redisUrl)
    redis.on('error', (error: Error) =>
      logger.warn({ err: error }, 'redis presence error'),
    )
    await whenReady(redis)
    presence = new RedisPresence(redis, {
      node: nodeId,
      ttlMs: config.presenceTtlMs,
    })
    closers.push(async () => redis.disconnect())
  }

  return {
    accounts,
    messages,
    log,
    bus,
    presence,
    dispose: async () => {
      for (const close of closers) await close()
      await file?.close()
    },
  }
}

async function connectMessageStore(url: string): Promise<MessageStore> {
  const { MongoMessageStore } = await import('./mongo/mongo-message-store.js')
  return MongoMessageStore.connect(url)
}
