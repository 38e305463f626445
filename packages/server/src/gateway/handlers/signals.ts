import type { Handler } from '../handler.js'
import { withRef } from '../handler.js'

/** Typing relayed at most this often per connection and room. */
const typingIntervalMs = 1_000

/**
 * Typing is ephemeral: straight to the bus, never stored. Muted members
 * may not post, so their typing is not relayed either.
 */
export const typing: Handler<'typing'> = async (context, connection, frame) => {
  const { app, user } = connection.user
  await context.access.requirePoster(app, frame.room, user)

  const now = Date.now()
  const last = connection.lastTyping.get(frame.room) ?? 0
  if (now - last < typingIntervalMs) return
  connection.lastTyping.set(frame.room, now)

  await context.hub.publish(app, frame.room, { t: 'typing', user })
}

/** Raises the member's read seq and tells the room (and other tabs). */
export const read: Handler<'read'> = async (context, connection, frame) => {
  const { app, user } = connection.user
  const member = await context.access.requireMember(app, frame.room, user)
  if (frame.seq <= member.readSeq) {
    connection.send({ op: 'ok', ...withRef(frame) })
    return
  }

  await context.accounts.setReadSeq(app, frame.room, user, frame.seq)
  await context.control.memberChanged(app, frame.room, user)
  await context.hub.publish(app, frame.room, {
    t: 'read',
    user,
    seq: frame.seq,
  })
  connection.send({ op: 'ok', ...withRef(frame) })
}
