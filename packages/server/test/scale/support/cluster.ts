import { randomBytes } from 'node:crypto'
import { AdminApi } from '../../support/admin-api.js'
import { ServerProcess } from '../../support/server-process.js'

const engineVariables = [
  'REDIS_URL',
  'KAFKA_BROKERS',
  'MONGO_URL',
  'POSTGRES_URL',
] as const

/** The engine URLs the scale suite runs against; fails clearly without. */
export function engineEnv(): Record<(typeof engineVariables)[number], string> {
  const missing = engineVariables.filter((name) => !process.env[name])
  if (missing.length > 0) {
    throw new Error(
      `The scale suite needs ${missing.join(', ')}: run ` +
        '"bash scripts/engines/engines.sh up && source .engines/env" first',
    )
  }
  return Object.fromEntries(
    engineVariables.map((name) => [name, process.env[name] ?? '']),
  ) as Record<(typeof engineVariables)[number], string>
}

export interface ClusterOptions {
  /** Gateway nodes. @default 2 */
  nodes?: number
  /** Sequencer-only workers. @default 1 */
  workers?: number
  /** Whether gateway nodes also run a sequencer. @default false */
  nodesSequence?: boolean
  env?: Record<string, string>
}

/**
 * Nodes and workers over the real engines, isolated from other clusters
 * by their own app, Kafka topic and group, and Mongo database.
 */
export class Cluster {
  readonly nodes: ServerProcess[] = []
  readonly workers: ServerProcess[] = []
  readonly env: Record<string, string>
  app!: { id: string; secret: string }
  admin!: AdminApi

  private constructor(env: Record<string, string>) {
    this.env = env
  }

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const suffix = randomBytes(4).toString('hex')
    const engines = engineEnv()
    const mongo = new URL(engines.MONGO_URL)
    mongo.pathname = `/algochat_${suffix}`
    const cluster = new Cluster({
      ...engines,
      MONGO_URL: mongo.toString(),
      ALGOCHAT_KAFKA_TOPIC: `algochat.test.${suffix}`,
      ALGOCHAT_KAFKA_GROUP: `sequencer-${suffix}`,
      ALGOCHAT_KAFKA_PARTITIONS: '4',
      ALGOCHAT_ADMIN_KEY: `operator-${suffix}`,
      ALGOCHAT_CONNECTION_RATE: '10000',
      ALGOCHAT_CONNECTION_BURST: '10000',
      ...options.env,
    })

    // The first node creates the topic, so others do not race to it.
    for (let i = 0; i < (options.nodes ?? 2); i++) {
      await cluster.addNode(options.nodesSequence ?? false)
    }
    for (let i = 0; i < (options.workers ?? 1); i++) await cluster.addWorker()

    const first = cluster.nodes[0]
    if (!first) throw new Error('a cluster needs a node')
    const created = await fetch(`${first.url}/v1/apps`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${cluster.env['ALGOCHAT_ADMIN_KEY']}`,
      },
      body: JSON.stringify({ id: `app-${suffix}`, name: 'scale test' }),
    })
    if (created.status !== 201) {
      throw new Error(`creating the app failed: ${await created.text()}`)
    }
    cluster.app = (await created.json()) as { id: string; secret: string }
    cluster.admin = new AdminApi(first.url, cluster.app)
    return cluster
  }

  async addNode(sequence = false): Promise<ServerProcess> {
    const node = await ServerProcess.start({
      embedded: false,
      env: this.env,
      args: ['--no-demo', ...(sequence ? [] : ['--no-sequencer'])],
    })
    this.nodes.push(node)
    return node
  }

  async addWorker(): Promise<ServerProcess> {
    return this.addWorkerWith({})
  }

  /** A worker with extra variables (fault injection). */
  async addWorkerWith(env: Record<string, string>): Promise<ServerProcess> {
    const worker = await ServerProcess.start({
      embedded: false,
      command: 'worker',
      env: { ...this.env, ...env },
    })
    this.workers.push(worker)
    return worker
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.nodes, ...this.workers].map((process) => process.stop()),
    )
  }
}
