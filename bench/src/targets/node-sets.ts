import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { ServerName } from '../cli/options.js'
import { runningEngines } from '../engines/engine-env.js'
import { IsolatedRun } from '../engines/isolated-run.js'
import { AlgochatTarget, type DevApp } from './algochat-target.js'
import { CentrifugoTarget } from './centrifugo-target.js'
import type { NodeSet } from './multi-node-target.js'
import { SocketIoTarget } from './socketio-target.js'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * How each server runs as several nodes over the engines
 * (`scripts/engines/engines.sh up`), which the harness never starts or
 * stops: it fails, saying so, when they are not running.
 */
export function nodeSet(name: ServerName): () => Promise<NodeSet> {
  switch (name) {
    case 'algochat':
      return algochatNodes
    case 'socketio':
      return socketIoNodes
    case 'centrifugo':
      return centrifugoNodes
  }
}

/**
 * Algochat's scale set: Redis bus and presence, Kafka log, Mongo
 * messages, PostgreSQL accounts. Each run has its own topic, consumer
 * group and databases, and an app made through the operator API (with
 * engines set no dev app is written); every node runs the sequencer, so
 * they share the topic's partitions as one consumer group.
 */
async function algochatNodes(): Promise<NodeSet> {
  const run = await IsolatedRun.create(await runningEngines(repoRoot))
  let app: Promise<DevApp> | undefined
  return {
    node: () =>
      new AlgochatTarget({
        env: run.env,
        // The first node creates the app; the others find it in the
        // shared account store.
        app: (url) => (app ??= run.createApp(url)),
      }),
    dispose: () => run.dispose(),
  }
}

/** The Socket.IO peer with its Redis adapter; nothing to clean up. */
async function socketIoNodes(): Promise<NodeSet> {
  const { REDIS_URL } = await runningEngines(repoRoot)
  const secret = randomBytes(32).toString('hex')
  return {
    node: () => new SocketIoTarget({ redisUrl: REDIS_URL, secret }),
    dispose: async () => {},
  }
}

/** Centrifugo on one Redis engine, under a prefix of the run's own. */
async function centrifugoNodes(): Promise<NodeSet> {
  const { REDIS_URL } = await runningEngines(repoRoot)
  const secret = randomBytes(32).toString('hex')
  const prefix = `centrifugo.bench.${randomBytes(4).toString('hex')}`
  return {
    node: () =>
      new CentrifugoTarget({ redis: { url: REDIS_URL, prefix }, secret }),
    dispose: async () => {},
  }
}
