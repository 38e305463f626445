import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { MongoClient } from 'mongodb'
import type { DevApp } from '../targets/algochat-target.js'
import type { EngineEnv } from './engine-env.js'

const run = promisify(execFile)

/**
 * Names of everything one run owns on the shared engines, so that runs
 * never see each other's data, offsets or rooms.
 */
export interface IsolatedNames {
  suffix: string
  topic: string
  group: string
  mongoDatabase: string
  postgresDatabase: string
  app: string
}

export function isolatedNames(suffix: string): IsolatedNames {
  return {
    suffix,
    topic: `algochat.bench.${suffix}`,
    group: `bench-sequencer-${suffix}`,
    mongoDatabase: `algochat_bench_${suffix}`,
    postgresDatabase: `algochat_bench_${suffix}`,
    app: `bench-${suffix}`,
  }
}

/** `url` with its path (the database name) replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/** One run's own topic, group, databases and app on the shared engines. */
export class IsolatedRun {
  readonly names: IsolatedNames
  /** The node's environment: engine URLs and the run's own names. */
  readonly env: Record<string, string>
  readonly mongoUrl: string
  readonly #engines: EngineEnv
  readonly #adminKey: string

  private constructor(engines: EngineEnv, names: IsolatedNames) {
    this.#engines = engines
    this.names = names
    this.#adminKey = randomBytes(16).toString('hex')
    this.mongoUrl = withDatabase(engines.MONGO_URL, names.mongoDatabase)
    this.env = {
      REDIS_URL: engines.REDIS_URL,
      KAFKA_BROKERS: engines.KAFKA_BROKERS,
      MONGO_URL: this.mongoUrl,
      POSTGRES_URL: withDatabase(engines.POSTGRES_URL, names.postgresDatabase),
      ALGOCHAT_KAFKA_TOPIC: names.topic,
      ALGOCHAT_KAFKA_GROUP: names.group,
      ALGOCHAT_ADMIN_KEY: this.#adminKey,
    }
  }

  /**
   * Creates the run's PostgreSQL database (the node migrates it on
   * start). The topic, the consumer group and the Mongo database come
   * into being when the node first uses them.
   */
  static async create(engines: EngineEnv): Promise<IsolatedRun> {
    const names = isolatedNames(randomBytes(4).toString('hex'))
    const isolated = new IsolatedRun(engines, names)
    await isolated.#psql(`create database "${names.postgresDatabase}"`)
    return isolated
  }

  /**
   * Creates the run's app through the operator API: with engines set the
   * node writes no dev app, on an empty installation or any other.
   */
  async createApp(url: string): Promise<DevApp> {
    const response = await fetch(`${url}/v1/apps`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.#adminKey}`,
      },
      body: JSON.stringify({ id: this.names.app, name: 'benchmark' }),
    })
    if (response.status !== 201) {
      throw new Error(
        `creating the app failed: ${response.status} ${await response.text()}`,
      )
    }
    const app = (await response.json()) as DevApp
    return { id: app.id, secret: app.secret }
  }

  /**
   * Drops both databases once the node has stopped. The Kafka topic
   * stays: the harness has no Kafka client, and the broker's retention
   * removes its data.
   */
  async dispose(): Promise<void> {
    const client = new MongoClient(this.#engines.MONGO_URL, {
      serverSelectionTimeoutMS: 5_000,
    })
    try {
      await client.db(this.names.mongoDatabase).dropDatabase()
    } finally {
      await client.close()
    }
    await this.#psql(
      `drop database if exists "${this.names.postgresDatabase}" with (force)`,
    )
  }

  async #psql(sql: string): Promise<void> {
    try {
      await run(
        'psql',
        [
          this.#engines.POSTGRES_URL,
          '-X',
          '-q',
          '-v',
          'ON_ERROR_STOP=1',
          '-c',
          sql,
        ],
        { timeout: 30_000 },
      )
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim() ?? ''
      throw new Error(`psql failed (${sql}): ${stderr}`, { cause: error })
    }
  }
}
