import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../server-context.js'

/**
 * /healthz says the process serves HTTP; /readyz says every engine it
 * depends on answers, so a load balancer only routes to nodes that can
 * accept messages.
 */
export function registerHealthRoutes(
  fastify: FastifyInstance,
  context: ServerContext,
): void {
  fastify.get('/healthz', { schema: { hide: true } }, async () => ({
    status: 'ok',
  }))

  fastify.get(
    '/readyz',
    { schema: { hide: true } },
    async (_request, reply) => {
      const checks = await Promise.all(
        (
          [
            ['accounts', () => context.accounts.ping()],
            ['messages', () => context.messages.ping()],
            ['log', () => context.log.ping()],
            ['bus', () => context.bus.ping()],
          ] as const
        ).map(async ([name, ping]) => {
          try {
            return [name, await withTimeout(ping(), 2_000)] as const
          } catch {
            return [name, false] as const
          }
        }),
      )
      const ready = checks.every(([, ok]) => ok)
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'degraded',
        checks: Object.fromEntries(checks),
      })
    },
  )

  fastify.get(
    '/metrics',
    { schema: { hide: true } },
    async (_request, reply) => {
      const { registry } = context.metrics
      return reply
        .header('content-type', registry.contentType)
        .send(await registry.metrics())
    },
  )
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
