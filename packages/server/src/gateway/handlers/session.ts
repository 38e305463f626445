import { AlgochatError, closeCodes } from '@algochat/protocol'
import type { Handler } from '../handler.js'
import { withRef } from '../handler.js'

/**
 * First auth identifies the connection; a later auth with a fresh token
 * for the same user only moves the expiry, so rooms stay subscribed.
 */
export const auth: Handler<'auth'> = async (context, connection, frame) => {
  const identity = await context.tokens.verify(frame.token, connection.app)
  const previous = connection.identity
  if (previous && previous.user !== identity.user) {
    throw new AlgochatError(
      'token_invalid',
      'A refreshed token must be for the same user',
    )
  }

  connection.identity = identity
  if (!previous) {
    context.connections.identify(connection)
    await ensureUser(context, identity.app, identity.user, identity.name)
  }

  connection.setExpiry(identity.expiresAt, () =>
    connection.fail('token_expired', closeCodes.authFailed),
  )

  connection.send({
    op: 'welcome',
    ...withRef(frame),
    user: { id: identity.user, name: identity.name, guest: identity.guest },
    heartbeatMs: context.config.heartbeatMs,
    limits: context.config.limits,
    expiresIn:
      identity.expiresAt === null
        ? null
        : Math.max(0, Math.floor((identity.expiresAt - Date.now()) / 1000)),
  })
}

export const ping: Handler<'ping'> = async (_context, connection, frame) => {
  connection.send({ op: 'pong', ...withRef(frame) })
}

/**
 * A site's backend may never have told us about a user; the first
 * verified token is proof enough that they exist.
 */
async function ensureUser(
  context: Parameters<Handler<'auth'>>[0],
  app: string,
  user: string,
  name: string | null,
): Promise<void> {
  const existing = await context.accounts.getUser(app, user)
  if (existing && (name === null || existing.name === name)) return
  await context.accounts.upsertUser(app, { id: user, name })
}
