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

type ModerationOp = 'ban' | 'unban' | 'mute' | 'unmute'

/** One handler per op: ban and mute for `seconds`, unban and unmute now. */
function moderation<Op extends ModerationOp>(op: Op): Handler<Op> {
  return async (context, connection, frame) => {
    await checkModerator(context, connection, frame.room, frame.user)
    const { app } = connection.user
    const seconds = op === 'ban' || op === 'mute' ? frame.seconds : null
    if (op === 'ban' || op === 'unban') {
      await context.rooms.ban(app, frame.room, frame.user, seconds)
    } else {
      await context.rooms.mute(app, frame.room, frame.user, seconds)
    }
    connection.send({ op: 'ok', ...withRef(frame) })
  }
}

export const ban = moderation('ban')
export const unban = moderation('unban')
export const mute = moderation('mute')
export const unmute = moderation('unmute')
