import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { FastifyInstance } from 'fastify'
import { pino, type Logger } from 'pino'
import { selectAdapters } from './adapters/select-adapters.js'
import type { Adapters } from './adapters/embedded-adapters.js'
import { AppDirectory } from './auth/app-directory.js'
import { TokenVerifier } from './auth/token-verifier.js'
import type { ServerConfig } from './config.js'
import { ConnectionRegistry } from './delivery/connection-registry.js'
import { PendingAcks } from './delivery/pending-acks.js'
import { RoomHub } from './delivery/room-hub.js'
import { Gateway } from './gateway/gateway.js'
import { RateLimiter } from './gateway/rate-limiter.js'
import { buildHttpServer } from './http/http-server.js'
import { createMetrics } from './observability/metrics.js'
import { ControlChannel } from './rooms/control-channel.js'
import { RoomAccess } from './rooms/room-access.js'
import { RoomService } from './rooms/room-service.js'
import { Sequencer } from './sequencer/sequencer.js'
import type { ServerContext } from './server-context.js'

export interface AlgochatServer {
  readonly context: ServerContext
  /** Listens (when the gateway is on) and starts the sequencer (when on). */
  start(): Promise<{ url: string | null }>
  /**
   * Tells clients to reconnect, stops taking commands, lets the sequencer
   * finish every accepted one, then closes the engines.
   */
  stop(): Promise<void>
}

/** Wires one node from its config; nothing runs until `start`. */
export async function createServer(
  config: ServerConfig,
  options: { logger?: Logger; adapters?: Adapters } = {},
): Promise<AlgochatServer> {
  const logger = options.logger ?? pino({ level: config.logLevel })
  const nodeId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
  const adapters =
    options.adapters ?? (await selectAdapters(config, { logger, nodeId }))
  const context = buildContext(config, logger, adapters, nodeId)
  const gateway = new Gateway(context)
  const sequencer = new Sequencer({
    store: adapters.messages,
    bus: adapters.bus,
    logger: logger.child({ component: 'sequencer' }),
    metrics: context.metrics,
    ...crashHook(config),
  })
  let http: FastifyInstance | undefined

  return {
    context,

    async start() {
      await Promise.all([
        adapters.accounts.migrate(),
        adapters.messages.migrate(),
      ])
      await context.control.start()
      adapters.bus.onReconnect(() => void context.hub.repair())

      if (config.sequencer) {
        await adapters.log.consume(sequencer.handle, {
          onRebalance: () => sequencer.reset(),
        })
      }
      if (!config.gateway) return { url: null }

      http = await buildHttpServer(context, gateway)
      const url = await http.listen({ port: config.port, host: config.host })
      return { url }
    },

    async stop() {
      gateway.close()
      await http?.close()
      await adapters.log.close()
      await adapters.bus.close()
      await adapters.presence.close()
      await adapters.messages.close()
      await adapters.accounts.close()
      await adapters.dispose()
    },
  }
}

function buildContext(
  config: ServerConfig,
  logger: Logger,
  adapters: Adapters,
  nodeId: string,
): ServerContext {
  const metrics = createMetrics()
  const access = new RoomAccess(adapters.accounts)
  const connections = new ConnectionRegistry()
  const tokens = new TokenVerifier()
  const apps = new AppDirectory(adapters.accounts)
  const hub = new RoomHub({
    bus: adapters.bus,
    messages: adapters.messages,
    acks: new PendingAcks(),
    metrics,
    logger,
    presenceLimit: config.presenceLimit,
  })
  const control = new ControlChannel({
    bus: adapters.bus,
    access,
    hub,
    presence: adapters.presence,
    tokens,
    apps,
    connections,
    logger,
  })

  return {
    config,
    nodeId,
    logger,
    metrics,
    accounts: adapters.accounts,
    messages: adapters.messages,
    log: adapters.log,
    bus: adapters.bus,
    presence: adapters.presence,
    access,
    hub,
    tokens,
    apps,
    connections,
    control,
    rooms: new RoomService(adapters.accounts, control),
    commandRate: new RateLimiter(
      config.userCommandRate,
      config.userCommandBurst,
    ),
  }
}

/** Test-only fault injection: see `crashAfterStoredBatches`. */
function crashHook(config: ServerConfig): { afterStore?: () => void } {
  let left = config.crashAfterStoredBatches
  if (left === undefined) return {}
  return {
    afterStore: () => {
      left = (left ?? 0) - 1
      if (left <= 0) process.kill(process.pid, 'SIGKILL')
    },
  }
}
