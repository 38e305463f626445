import { describeConfig, type ServerConfig } from '../config.js'
import { createServer } from '../server.js'
import { demoRoom, ensureDevApp } from './dev-app.js'
import { parse, serverFlags } from './flags.js'
import { loadConfig } from './load-config.js'

export const startUsage = `algochat start [options]

Runs a node: the WebSocket gateway, the admin API and the sequencer. With
no engine variables set it uses the embedded set (SQLite in --data, an
in-process bus and log) and serves a demo page at /.

  -c, --config <file>   JSON config file (env ALGOCHAT_CONFIG); variables
                        and flags override its keys
  -p, --port <n>        port to listen on (env PORT; default 8080)
      --host <addr>     address to bind (env ALGOCHAT_HOST; default 0.0.0.0)
      --data <dir>      data directory (env ALGOCHAT_DATA; default ./.algochat)
      --log-level <l>   pino level (env ALGOCHAT_LOG_LEVEL; default info)
      --no-demo         do not serve the demo page
      --no-sequencer    leave sequencing to "algochat worker" processes

Engines (each one switches its port to the scale adapter):
  REDIS_URL, KAFKA_BROKERS, MONGO_URL, POSTGRES_URL
  (in a config file: redisUrl, kafkaBrokers, mongoUrl, postgresUrl)

Precedence: defaults < config file < variables < flags. The file holds
one JSON object whose keys are the settings in docs/operations.md, e.g.
  {"port": 9000, "redisUrl": "redis://cache:6379",
   "limits": {"maxTextLength": 2000}}
An unknown key or a value of the wrong type stops the command.`

export const workerUsage = `algochat worker [options]

Runs only the sequencer: reads the message log, assigns seqs, stores and
publishes. Accepts the same options and variables as start.`

/** `start` and `worker`: run a node until SIGINT or SIGTERM. */
export async function runNode(args: string[], role: 'start' | 'worker') {
  const { values } = parse(args, serverFlags)
  if (values.help) {
    console.log(role === 'start' ? startUsage : workerUsage)
    return
  }

  const config = await loadConfig(values, {
    base: { demo: role === 'start' },
    fixed:
      role === 'worker' ? { gateway: false, sequencer: true, demo: false } : {},
  })
  const embedded = isEmbedded(config)

  const server = await createServer(config)
  const { logger } = server.context
  logger.info({ config: describeConfig(config) }, `algochat ${role}`)

  const { url } = await server.start()
  if (embedded && config.demo) {
    const created = await ensureDevApp(server.context.accounts, config)
    if (created) {
      logger.info(
        `created the dev app "${created.id}" (secret in ${config.dataDir}/dev-app.json) with the public room "${demoRoom}"`,
      )
    }
  }
  if (!url) logger.info('sequencer running')
  if (url) {
    const local = url
      .replace('0.0.0.0', 'localhost')
      .replace('[::]', 'localhost')
    logger.info(`listening on ${local}`)
    if (config.demo) logger.info(`demo: open ${local}/ in two browser tabs`)
    logger.info(`admin API docs: ${local}/docs`)
  }

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(
      { signal },
      'stopping: clients reconnect, accepted messages are kept',
    )
    await server.stop()
    logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

/** No engine configured, from any source: the dev app is ours to create. */
function isEmbedded(config: ServerConfig): boolean {
  return (
    config.redisUrl === undefined &&
    config.kafkaBrokers === undefined &&
    config.mongoUrl === undefined &&
    config.postgresUrl === undefined
  )
}
