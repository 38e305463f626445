import { AlgochatError } from '@algochat/protocol'
import type { FastifyInstance } from 'fastify'
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
    async (request) => {
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
