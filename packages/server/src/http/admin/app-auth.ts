import { timingSafeEqual } from 'node:crypto'
import { AlgochatError } from '@algochat/protocol'
import type { FastifyRequest } from 'fastify'
import type { App } from '../../ports/account-store.js'
import type { ServerContext } from '../../server-context.js'

/**
 * The app named in the path, if the request carries its secret as a
 * bearer token. Site backends call the admin API; browsers never hold
 * the secret.
 */
export async function authorizeApp(
  context: ServerContext,
  request: FastifyRequest<{ Params: { app: string } }>,
): Promise<App> {
  const app = await context.apps.get(request.params.app)
  const header = request.headers.authorization ?? ''
  const presented = header.startsWith('Bearer ') ? header.slice(7) : ''

  // The same answer for a missing app and a wrong secret, so the API does
  // not reveal which app ids exist.
  if (!app || !sameSecret(presented, app.secret)) {
    throw new AlgochatError('unauthorized')
  }
  return app
}

/** Checks the operator key that guards creating apps. */
export function authorizeOperator(
  context: ServerContext,
  request: FastifyRequest,
): void {
  const key = context.config.adminKey
  const header = request.headers.authorization ?? ''
  const presented = header.startsWith('Bearer ') ? header.slice(7) : ''
  if (!key || !sameSecret(presented, key)) {
    throw new AlgochatError('unauthorized')
  }
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
