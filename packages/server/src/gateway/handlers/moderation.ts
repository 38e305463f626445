import { AlgochatError } from '@algochat/protocol'
import type { Connection } from '../../delivery/connection.js'
import type { ServerContext } from '../../server-context.js'
import type { Handler } from '../handler.js'
import { withRef } from '../handler.js'

/**
 * Owners and moderators moderate members; nobody moderates an owner, and
 * only an owner moderates a moderator.
 */
async function checkModerator(
  context: ServerContext,
  connection: Connection,
  room: string,
  target: string,
): Promise<void> {
  const { app, user } = connection.user
  const actor = await context.access.requireModerator(app, room, user)
  if (target === user) {
    throw new AlgochatError('forbidden', 'You cannot moderate yourself')
  }

  const subject = await context.accounts.getMember(app, room, target)
  if (subject?.role === 'owner') throw new AlgochatError('forbidden')
  if (subject?.role === 'moderator' && actor.role !== 'owner') {
    throw new AlgochatError('forbidden')
  }
}

export const ban: Handler<'ban'> = async (context, connection, frame) => {
  await checkModerator(context, connection, frame.room, frame.user)
  await context.rooms.ban(
    connection.user.app,
    frame.room,
    frame.user,
    frame.seconds,
  )
  connection.send({ op: 'ok', ...withRef(frame) })
}

export const unban: Handler<'unban'> = async (context, connection, frame) => {
  await checkModerator(context, connection, frame.room, frame.user)
  await context.rooms.ban(connection.user.app, frame.room, frame.user, null)
  connection.send({ op: 'ok', ...withRef(frame) })
}

export const mute: Handler<'mute'> = async (context, connection, frame) => {
  await checkModerator(context, connection, frame.room, frame.user)
  await context.rooms.mute(
    connection.user.app,
    frame.room,
    frame.user,
    frame.seconds,
  )
  connection.send({ op: 'ok', ...withRef(frame) })
}

export const unmute: Handler<'unmute'> = async (context, connection, frame) => {
  await checkModerator(context, connection, frame.room, frame.user)
  await context.rooms.mute(connection.user.app, frame.room, frame.user, null)
  connection.send({ op: 'ok', ...withRef(frame) })
}
