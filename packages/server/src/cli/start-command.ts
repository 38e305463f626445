import {
  configFromEnv,
  describeConfig,
  resolveConfig,
  type ServerConfig,
} from '../config.js'
import { createServer } from '../server.js'
import { demoRoom, ensureDevApp } from './dev-app.js'
import { configFromFlags, parse, serverFlags } from './flags.js'

export const startUsage = `algochat start [options]

Runs a node: the WebSocket gateway, the admin API and the sequencer. With
no engine variables set it uses the embedded set (SQLite in --data, an
in-process bus and log) and serves a demo page at /.

  -p, --port <n>        port to listen on (env PORT; default 8080)
      --host <addr>     address to bind (env ALGOCHAT_HOST; default 0.0.0.0)
      --data <dir>      data directory (env ALGOCHAT_DATA; default ./.algochat)
      --log-level <l>   pino level (env ALGOCHAT_LOG_LEVEL; default info)
      --no-demo         do not serve the demo page
      --no-sequencer    leave sequencing to "algochat worker" processes

Engines (each one switches its port to the scale adapter):
  REDIS_URL, KAFKA_BROKERS, MONGO_URL, POSTGRES_URL`

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

  const embedded =
    !process.env['REDIS_URL'] &&
    !process.env['KAFKA_BROKERS'] &&
    !process.env['MONGO_URL'] &&
    !process.env['POSTGRES_URL']
  const overrides: Partial<ServerConfig> = {
    demo: role === 'start' && !values['no-demo'],
    ...(values['no-sequencer'] ? { sequencer: false } : {}),
    ...(role === 'worker' ? { gateway: false, sequencer: true } : {}),
  }
  const config = resolveConfig(
    configFromEnv(),
    configFromFlags(values),
    overrides,
  )

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
