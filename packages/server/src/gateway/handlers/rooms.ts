import { AlgochatError, type RoomSummary } from '@algochat/protocol'
import type { Connection } from '../../delivery/connection.js'
import { summarizeRooms } from '../../rooms/room-summary.js'
import type { ServerContext } from '../../server-context.js'
import type { Handler } from '../handler.js'
import { withRef } from '../handler.js'
import { leaveRoom } from '../../delivery/room-presence.js'

export const rooms: Handler<'rooms'> = async (context, connection, frame) => {
  const { app, user } = connection.user
  const memberships = await context.accounts.listMemberships(app, user)
  const summaries = await summarizeRooms(context.messages, app, memberships)
  connection.send({ op: 'rooms', ...withRef(frame), rooms: summaries })
}

export const create: Handler<'create'> = async (context, connection, frame) => {
  const { app, user, guest } = connection.user
  if (guest) throw new AlgochatError('forbidden', 'Guests cannot create rooms')

  await context.rooms.create(
    app,
    { id: frame.room, kind: frame.kind, name: frame.name ?? null },
    user,
  )
  await replyWithRoom(context, connection, frame, frame.room)
}

export const direct: Handler<'direct'> = async (context, connection, frame) => {
  const { app, user } = connection.user
  const room = await context.rooms.direct(app, user, frame.user)
  await replyWithRoom(context, connection, frame, room.id)
}

/** Anyone may join a public room; private rooms need an invitation. */
export const join: Handler<'join'> = async (context, connection, frame) => {
  const { app, user } = connection.user
  const existing = await context.access.member(app, frame.room, user)
  if (existing) {
    await context.access.requireMember(app, frame.room, user)
  } else {
    const room = await context.accounts.getRoom(app, frame.room)
    if (!room) throw new AlgochatError('room_not_found')
    if (room.kind !== 'public') {
      throw new AlgochatError('forbidden', 'This room needs an invitation')
    }
    await context.rooms.putMember(app, frame.room, user, 'member')
  }
  await replyWithRoom(context, connection, frame, frame.room)
}

export const leave: Handler<'leave'> = async (context, connection, frame) => {
  const { app, user } = connection.user
  await context.access.requireMember(app, frame.room, user)
  await leaveRoom(context, connection, frame.room)
  await context.rooms.removeMember(app, frame.room, user)
  connection.send({ op: 'ok', ...withRef(frame) })
}

/**
 * In public rooms any member may invite; in private rooms only owners and
 * moderators. Direct rooms always have exactly their two users.
 */
export const invite: Handler<'invite'> = async (context, connection, frame) => {
  const { app, user } = connection.user
  const room = await context.accounts.getRoom(app, frame.room)
  if (!room) throw new AlgochatError('room_not_found')
  if (room.kind === 'direct') {
    throw new AlgochatError('forbidden', 'Direct rooms take no invitations')
  }

  if (room.kind === 'private') {
    await context.access.requireModerator(app, frame.room, user)
  } else {
    await context.access.requirePoster(app, frame.room, user)
  }

  const target = await context.accounts.getMember(app, frame.room, frame.user)
  if (!target)
    await context.rooms.putMember(app, frame.room, frame.user, 'member')
  connection.send({ op: 'ok', ...withRef(frame) })
}

async function replyWithRoom(
  context: ServerContext,
  connection: Connection,
  frame: { ref?: string },
  room: string,
): Promise<void> {
  const { app, user } = connection.user
  const memberships = await context.accounts.listMemberships(app, user)
  const mine = memberships.filter((membership) => membership.room === room)
  const [summary]: RoomSummary[] = await summarizeRooms(
    context.messages,
    app,
    mine,
  )
  connection.send({
    op: 'ok',
    ...withRef(frame),
    ...(summary ? { room: summary } : {}),
  })
}
