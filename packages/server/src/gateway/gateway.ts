import { randomUUID } from 'node:crypto'
import {
  AlgochatError,
  closeCodes,
  describeError,
  type ClientFrame,
} from '@algochat/protocol'
import websocket from '@fastify/websocket'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { RawData, WebSocket } from 'ws'
import { originAllowed } from '../auth/origin-policy.js'
import { Connection } from '../delivery/connection.js'
import type { App } from '../ports/account-store.js'
import type { ServerContext } from '../server-context.js'
import { decodeFrame } from './decode-frame.js'
import { asAlgochatError, errorFrame } from './error-frame.js'
import { handlers } from './handlers/index.js'
import { leaveRoom } from '../delivery/room-presence.js'
import { TokenBucket } from './token-bucket.js'

/** Codes that end an unauthenticated socket instead of just answering. */
const fatalBeforeAuth = closeCodes.authFailed

/**
 * The WebSocket endpoint: checks the app and Origin before the upgrade,
 * then decodes, rate-limits and dispatches each frame of each socket in
 * arrival order.
 */
export class Gateway {
  readonly #context: ServerContext
  readonly #appOf = new WeakMap<FastifyRequest, App>()
  readonly #lastSeen = new WeakMap<Connection, number>()
  #sweeper: NodeJS.Timeout | undefined
  #closing = false

  constructor(context: ServerContext) {
    this.#context = context
  }

  async register(fastify: FastifyInstance): Promise<void> {
    const { limits } = this.#context.config
    await fastify.register(websocket, {
      options: {
        // Frames over the protocol limit get a coded error; only frames
        // far past it are cut off by ws itself, before they are buffered.
        maxPayload: limits.maxFrameBytes * 4,
      },
    })

    fastify.get(
      '/v1/ws',
      {
        websocket: true,
        preValidation: (request, reply) => this.#admit(request, reply),
      },
      (socket, request) => this.#open(socket, request),
    )

    const interval = Math.min(this.#context.config.heartbeatMs, 5_000)
    this.#sweeper = setInterval(() => this.#sweep(), interval)
    this.#sweeper.unref()
  }

  /** Asks every client to reconnect elsewhere and closes their sockets. */
  close(): void {
    this.#closing = true
    clearInterval(this.#sweeper)
    for (const connection of this.#context.connections.all()) {
      connection.send({ op: 'reconnect', reason: 'shutting_down' })
      connection.close(closeCodes.restart, 'shutting_down')
    }
  }

  async #admit(request: FastifyRequest, reply: FastifyReply) {
    const appId = (request.query as { app?: unknown }).app
    if (this.#closing) {
      return refuse(reply, 503, new AlgochatError('shutting_down'))
    }
    if (typeof appId !== 'string' || appId.length === 0) {
      return refuse(
        reply,
        400,
        new AlgochatError('invalid_field', 'Query parameter "app" is required'),
      )
    }

    let app: App | null
    try {
      app = await this.#context.apps.get(appId)
    } catch (cause) {
      return refuse(
        reply,
        503,
        new AlgochatError('store_unavailable', undefined, { cause }),
      )
    }
    if (!app) return refuse(reply, 404, new AlgochatError('app_not_found'))
    if (!originAllowed(app, request.headers.origin)) {
      return refuse(reply, 403, new AlgochatError('origin_not_allowed'))
    }
    this.#appOf.set(request, app)
  }

  #open(socket: WebSocket, request: FastifyRequest): void {
    const app = this.#appOf.get(request)
    if (!app) {
      socket.close(closeCodes.policy, 'not admitted')
      return
    }

    const context = this.#context
    const { config, metrics } = context
    const id = randomUUID()
    const connection = new Connection(
      id,
      app,
      socket,
      context.logger.child({ conn: id, app: app.id }),
      {
        maxBufferedBytes: config.maxBufferedBytes,
        onSlowConsumer: () => metrics.slowConsumers.inc(),
      },
    )
    const bucket = new TokenBucket(
      config.connectionRate,
      config.connectionBurst,
    )
    let queue = Promise.resolve()

    context.connections.add(connection)
    metrics.connections.inc()
    this.#lastSeen.set(connection, Date.now())
    connection.logger.debug({ ip: request.ip }, 'connection opened')

    const authTimer = setTimeout(() => {
      if (!connection.identity) {
        connection.fail('auth_timeout', closeCodes.authFailed)
      }
    }, config.authTimeoutMs)
    authTimer.unref()

    socket.on('message', (data: RawData, isBinary: boolean) => {
      this.#lastSeen.set(connection, Date.now())

      let frame: ClientFrame
      try {
        frame = decodeFrame(toBuffer(data), isBinary, config.limits)
      } catch (error) {
        this.#refuse(connection, asAlgochatError(error), undefined)
        return
      }

      // Decoded first so the refusal names the ref and clientId it drops.
      if (!bucket.take()) {
        this.#refuse(connection, new AlgochatError('rate_limited'), frame)
        return
      }

      // Frames of one socket are handled one after another, so two sends
      // reach the log in the order the client wrote them.
      queue = queue.then(() => this.#dispatch(connection, frame))
    })

    socket.on('close', () => {
      clearTimeout(authTimer)
      connection.close(closeCodes.restart, 'closed')
      context.connections.remove(connection)
      metrics.connections.dec()
      void queue.then(() => this.#cleanUp(connection))
    })

    socket.on('error', (error) => {
      connection.logger.debug({ err: error }, 'socket error')
    })
  }

  async #dispatch(connection: Connection, frame: ClientFrame): Promise<void> {
    if (connection.closed) return
    this.#context.metrics.frames.inc({ op: frame.op })

    if (!connection.identity && frame.op !== 'auth') {
      const error = new AlgochatError('unauthenticated')
      connection.send(errorFrame(error, frame))
      connection.close(fatalBeforeAuth, error.code)
      return
    }

    try {
      const handler = handlers[frame.op] as (
        context: ServerContext,
        connection: Connection,
        frame: ClientFrame,
      ) => Promise<void>
      await handler(this.#context, connection, frame)
    } catch (thrown) {
      const error = asAlgochatError(thrown)
      if (error.code === 'internal') {
        connection.logger.error({ err: thrown, op: frame.op }, 'op failed')
      }
      this.#context.metrics.errors.inc({ code: error.code })
      connection.send(errorFrame(error, frame))

      if (frame.op === 'auth' && !connection.identity) {
        connection.close(fatalBeforeAuth, error.code)
      }
    }
  }

  /** Answers a frame that never reached a handler; persistent abuse closes. */
  #refuse(
    connection: Connection,
    error: AlgochatError,
    frame: ClientFrame | undefined,
  ): void {
    const { metrics, config } = this.#context
    metrics.errors.inc({ code: error.code })
    connection.protocolErrors += 1
    if (connection.protocolErrors > config.maxProtocolErrors) {
      connection.fail(error.code, closeCodes.abuse, 'Too many refused frames')
      return
    }
    connection.send(errorFrame(error, frame))
  }

  async #cleanUp(connection: Connection): Promise<void> {
    if (!connection.identity) return
    for (const room of [...connection.rooms]) {
      try {
        await leaveRoom(this.#context, connection, room)
      } catch (error) {
        connection.logger.warn({ err: error, room }, 'leaving room failed')
      }
    }
    connection.logger.debug('connection closed')
  }

  /** Closes sockets that stayed silent for two heartbeat intervals. */
  #sweep(): void {
    const now = Date.now()
    const limit = this.#context.config.heartbeatMs * 2
    for (const connection of this.#context.connections.all()) {
      const seen = this.#lastSeen.get(connection) ?? now
      if (now - seen > limit) {
        connection.fail('heartbeat_timeout', closeCodes.heartbeat)
      }
    }
    void this.#context.hub.sweep()
    this.#context.commandRate.sweep(now)
  }
}

function refuse(reply: FastifyReply, status: number, error: AlgochatError) {
  return reply.code(status).send({
    code: error.code,
    message: describeError(error),
    retryable: error.retryable,
  })
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}
