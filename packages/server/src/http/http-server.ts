import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { findForbiddenKey } from '../gateway/forbidden-key.js'
import { AlgochatError } from '@algochat/protocol'
import type { Gateway } from '../gateway/gateway.js'
import type { ServerContext } from '../server-context.js'
import { registerAppRoutes } from './admin/app-routes.js'
import { registerGuestRoutes } from './admin/guest-routes.js'
import { registerHistoryRoutes } from './admin/history-routes.js'
import { registerRoomRoutes } from './admin/room-routes.js'
import { registerHealthRoutes } from './health-routes.js'
import { installErrorHandler } from './http-error.js'

/** Builds the HTTP server: WebSocket gateway, admin API, docs, probes. */
export async function buildHttpServer(
  context: ServerContext,
  gateway: Gateway,
): Promise<FastifyInstance> {
  const fastify = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit: 1_048_576,
    // X-Forwarded-For decides the address the guest limit counts, so it
    // is believed only from the proxies the operator named.
    trustProxy:
      context.config.trustProxy.length > 0 ? context.config.trustProxy : false,
  })
  installErrorHandler(fastify)

  // Per-request lines would drown the node's own logs at any real load;
  // routes log at warn and above, failures still show.
  fastify.addHook('onRoute', (route) => {
    if (!route.logLevel) route.logLevel = 'warn'
  })

  // Keys starting with `$` or named __proto__ never reach a store, from
  // any route.
  fastify.addHook('preValidation', async (request) => {
    if (typeof request.body === 'object' && request.body !== null) {
      const key = findForbiddenKey(request.body)
      if (key !== undefined) {
        throw new AlgochatError('forbidden_key', `Key "${key}" is not accepted`)
      }
    }
  })

  await fastify.register(swagger, {
    openapi: {
      info: {
        title: 'Algochat admin API',
        description:
          'For site backends: authenticate with `Authorization: Bearer <app secret>`. Never call it from a browser.',
        version: '1',
      },
      components: {
        securitySchemes: {
          appSecret: { type: 'http', scheme: 'bearer' },
          operatorKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  })
  await fastify.register(swaggerUi, { routePrefix: '/docs' })

  await gateway.register(fastify)
  registerHealthRoutes(fastify, context)
  registerAppRoutes(fastify, context)
  registerRoomRoutes(fastify, context)
  registerHistoryRoutes(fastify, context)
  registerGuestRoutes(fastify, context)
  if (context.config.demo) registerDemoPage(fastify)

  return fastify
}

const demoFiles = {
  '/': ['demo.html', 'text/html; charset=utf-8'],
  '/demo.js': ['demo.js', 'text/javascript; charset=utf-8'],
  '/demo.css': ['demo.css', 'text/css; charset=utf-8'],
  // Copied here by the @algochat/react build (public/dist is not committed).
  '/embed.js': ['dist/embed.js', 'text/javascript; charset=utf-8'],
  '/embed.css': ['dist/embed.css', 'text/css; charset=utf-8'],
} as const

function registerDemoPage(fastify: FastifyInstance): void {
  for (const [path, [file, type]] of Object.entries(demoFiles)) {
    fastify.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(type).send(await readFile(publicFile(file), 'utf8')),
    )
  }
}

/**
 * A file of the package's public/ folder. The code runs from src/ under
 * tsx and from a bundle in dist/, so the folder is looked for upwards.
 */
function publicFile(name: string): URL {
  for (const up of ['../public/', '../../public/', '../../../public/']) {
    const url = new URL(`${up}${name}`, import.meta.url)
    if (existsSync(url)) return url
  }
  throw new Error(`public/${name} is missing from the package`)
}
