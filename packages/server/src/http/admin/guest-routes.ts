import { AlgochatError } from '@algochat/protocol'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { originAllowed } from '../../auth/origin-policy.js'
import { guestUserId, mintToken } from '../../auth/mint-token.js'
import { RateLimiter } from '../../gateway/rate-limiter.js'
import type { ServerContext } from '../../server-context.js'
import { AppParams, GuestBody } from './schemas.js'

/**
 * Guest sessions for apps that allow them: a browser asks for a short
 * token with no account. Each IP may ask a few times a minute, so guests
 * cannot be minted in bulk.
 */
export function registerGuestRoutes(
  fastify: FastifyInstance,
  context: ServerContext,
): void {
  const perIp = new RateLimiter(0.2, 10)

  // Guest mode runs on the site's own pages, a different origin from the
  // chat server: the browser asks first (preflight), and only the app's
  // allowed origins (any, when it lists none) get an answer it accepts.
  fastify.options<{ Params: AppParams }>(
    '/v1/apps/:app/guests',
    { schema: { hide: true, params: AppParams } },
    async (request, reply) => {
      await allowOrigin(context, request.params.app, request, reply)
      reply.header('access-control-allow-methods', 'POST')
      reply.header('access-control-allow-headers', 'content-type')
      reply.header('access-control-max-age', '600')
      return reply.code(204).send()
    },
  )

  fastify.post<{ Params: AppParams; Body: GuestBody }>(
    '/v1/apps/:app/guests',
    {
      schema: {
        tags: ['guests'],
        summary:
          'Start a guest session (no secret; only where guests are allowed)',
        params: AppParams,
        body: GuestBody,
      },
    },
    async (request, reply) => {
      await allowOrigin(context, request.params.app, request, reply)
      perIp.sweep()
      if (!perIp.take(request.ip)) throw new AlgochatError('rate_limited')

      const app = await context.apps.get(request.params.app)
      if (!app) throw new AlgochatError('app_not_found')
      if (!app.allowGuests) throw new AlgochatError('guests_disabled')

      const user = guestUserId()
      const name = request.body?.name ?? 'Guest'
      const ttlSeconds = context.config.guestTokenTtl
      const token = await mintToken(app, {
        user,
        name,
        guest: true,
        ttlSeconds,
      })
      return { token, user, name, expiresIn: ttlSeconds }
    },
  )
}

/** Sets the CORS headers when the request's Origin may use this app. */
async function allowOrigin(
  context: ServerContext,
  appId: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  reply.header('vary', 'Origin')
  const origin = request.headers.origin
  if (origin === undefined) return
  const app = await context.apps.get(appId)
  if (app && originAllowed(app, origin)) {
    reply.header('access-control-allow-origin', origin)
  }
}
