import { AlgochatError } from '@algochat/protocol'
import { announcePresence, leaveRoom } from '../../delivery/room-presence.js'
import type { ServerContext } from '../../server-context.js'
import type { Handler } from '../handler.js'
import { withRef } from '../handler.js'

/**
 * Follows the room first and reads the store second, so no event can
 * fall between the replayed page and the live stream; the overlap is
 * removed by the client, which applies each seq once.
 */
export const subscribe: Handler<'subscribe'> = async (
  context,
  connection,
  frame,
) => {
  const { app, user } = connection.user
  const member = await context.access.requireMember(app, frame.room, user)
  const { maxSubscriptions, maxPageSize } = context.config.limits
  const already = connection.rooms.has(frame.room)
  if (!already && connection.rooms.size >= maxSubscriptions) {
    throw new AlgochatError('too_many_subscriptions')
  }

  await context.hub.subscribe(connection, app, frame.room)
  if (!already) await announcePresence(context, app, frame.room, user, true)

  const [lastSeqs, replay, online] = await Promise.all([
    context.messages.lastSeqs(app, [frame.room]),
    frame.since === undefined
      ? undefined
      : context.messages.replay(app, frame.room, frame.since, maxPageSize),
    onlineUsers(context, app, frame.room),
  ])

  const lastSeq = lastSeqs.get(frame.room) ?? 0
  context.hub.noteSeq(app, frame.room, lastSeq)
  connection.send({
    op: 'subscribed',
    ...withRef(frame),
    room: frame.room,
    lastSeq,
    readSeq: member.readSeq,
    events: replay?.items ?? [],
    more: replay?.more ?? false,
    // A large room's full list would cost its size on every subscribe.
    online: online.slice(0, context.config.presenceLimit),
  })
}

export const unsubscribe: Handler<'unsubscribe'> = async (
  context,
  connection,
  frame,
) => {
  await leaveRoom(context, connection, frame.room)
  connection.send({ op: 'unsubscribed', ...withRef(frame), room: frame.room })
}

export const history: Handler<'history'> = async (
  context,
  connection,
  frame,
) => {
  const { app, user } = connection.user
  await context.access.requireMember(app, frame.room, user)
  const limit = pageSize(context, frame.limit)
  const page = await context.messages.history(
    app,
    frame.room,
    frame.before,
    limit,
  )
  connection.send({
    op: 'history',
    ...withRef(frame),
    room: frame.room,
    messages: page.items,
    more: page.more,
  })
}

export const replay: Handler<'replay'> = async (context, connection, frame) => {
  const { app, user } = connection.user
  await context.access.requireMember(app, frame.room, user)
  const limit = pageSize(context, frame.limit)
  const [page, lastSeqs] = await Promise.all([
    context.messages.replay(app, frame.room, frame.after, limit),
    context.messages.lastSeqs(app, [frame.room]),
  ])
  connection.send({
    op: 'replay',
    ...withRef(frame),
    room: frame.room,
    events: page.items,
    more: page.more,
    lastSeq: lastSeqs.get(frame.room) ?? 0,
  })
}

async function onlineUsers(
  context: ServerContext,
  app: string,
  room: string,
): Promise<string[]> {
  try {
    return await context.presence.online(app, room)
  } catch {
    return []
  }
}

function pageSize(context: ServerContext, requested: number | undefined) {
  const max = context.config.limits.maxPageSize
  return Math.min(requested ?? max, max)
}
