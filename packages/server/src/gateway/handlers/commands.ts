import {
  AlgochatError,
  type CommandFrame,
  type StoredMessage,
} from '@algochat/protocol'
import type { Connection } from '../../delivery/connection.js'
import type { Member } from '../../ports/account-store.js'
import type { LogCommand } from '../../ports/message-log.js'
import { canModerate } from '../../rooms/room-access.js'
import type { ServerContext } from '../../server-context.js'
import type { Handler } from '../handler.js'
import { withRef } from '../handler.js'

export const send: Handler<'send'> = async (context, connection, frame) => {
  checkText(context, frame.text)
  const { app, user } = connection.user
  await context.access.requirePoster(app, frame.room, user)

  await appendCommand(context, connection, frame, {
    op: 'send',
    text: frame.text,
    ...(frame.parent === undefined ? {} : { parent: frame.parent }),
    ...(frame.mentions === undefined ? {} : { mentions: frame.mentions }),
  })
}

/**
 * Authors edit their own messages; owners and moderators any, to take out
 * what breaks a room's rules while leaving the rest. The edit event
 * carries the editor as its user, so clients can tell who changed what.
 */
export const edit: Handler<'edit'> = async (context, connection, frame) => {
  checkText(context, frame.text)
  const member = await poster(context, connection, frame.room)
  if (await answerRepeat(context, connection, frame)) return
  const target = await liveMessage(context, connection, frame)
  if (target.user !== member.user && !canModerate(member)) {
    throw new AlgochatError('forbidden')
  }

  await appendCommand(context, connection, frame, {
    op: 'edit',
    target: frame.target,
    text: frame.text,
  })
}

/** Authors delete their own messages; owners and moderators any. */
export const remove: Handler<'delete'> = async (context, connection, frame) => {
  const member = await poster(context, connection, frame.room)
  if (await answerRepeat(context, connection, frame)) return
  const target = await liveMessage(context, connection, frame)
  if (target.user !== member.user && !canModerate(member)) {
    throw new AlgochatError('forbidden')
  }

  await appendCommand(context, connection, frame, {
    op: 'delete',
    target: frame.target,
  })
}

export const react: Handler<'react'> = async (context, connection, frame) => {
  await poster(context, connection, frame.room)
  if (await answerRepeat(context, connection, frame)) return
  await liveMessage(context, connection, frame)

  await appendCommand(context, connection, frame, {
    op: 'react',
    target: frame.target,
    emoji: frame.emoji,
    on: frame.on,
  })
}

type CommandFields<C extends LogCommand = LogCommand> = C extends LogCommand
  ? Omit<C, 'app' | 'room' | 'user' | 'clientId' | 'node' | 'at'>
  : never

/**
 * Registers the ack waiter, appends to the log, then tells the client the
 * command is durable. The waiter comes first so a fast sequencer cannot
 * publish the event before this node listens for it.
 */
async function appendCommand(
  context: ServerContext,
  connection: Connection,
  frame: CommandFrame,
  fields: CommandFields,
): Promise<void> {
  const { app, user } = connection.user
  if (!context.commandRate.take(`${app}|${user}`)) {
    throw new AlgochatError('rate_limited')
  }
  await context.hub.expectAck(
    connection,
    app,
    frame.room,
    frame.clientId,
    frame.ref,
  )

  const command = {
    ...fields,
    app,
    room: frame.room,
    user,
    clientId: frame.clientId,
    node: context.nodeId,
    at: Date.now(),
  } as LogCommand

  try {
    await context.log.append(command)
  } catch (cause) {
    context.logger.warn({ err: cause }, 'appending to the message log failed')
    throw new AlgochatError('log_unavailable', undefined, { cause })
  }

  context.metrics.accepted.inc({ op: command.op })
  connection.send({
    op: 'accepted',
    ...withRef(frame),
    room: frame.room,
    clientId: frame.clientId,
  })
}

/**
 * A retried edit, delete or reaction may find its target already changed
 * by its own first attempt (a deleted message is gone), so the target
 * checks would refuse it. The stored event answers it instead, exactly as
 * the sequencer answers a repeated send.
 */
async function answerRepeat(
  context: ServerContext,
  connection: Connection,
  frame: CommandFrame,
): Promise<boolean> {
  const { app, user } = connection.user
  const [stored] = await context.messages.findByClientIds(app, frame.room, [
    { user, clientId: frame.clientId },
  ])
  if (!stored) return false

  const reply = {
    ...withRef(frame),
    room: frame.room,
    clientId: frame.clientId,
  }
  connection.send({ op: 'accepted', ...reply })
  connection.send({ op: 'ack', ...reply, id: stored.id, seq: stored.seq })
  return true
}

function checkText(context: ServerContext, text: string): void {
  const max = context.config.limits.maxTextLength
  if (text.length > max) {
    throw new AlgochatError(
      'text_too_long',
      `Text is ${text.length} characters; the limit is ${max}`,
    )
  }
  if (text.trim().length === 0) {
    throw new AlgochatError('invalid_field', 'Field "text": must not be empty')
  }
}

async function poster(
  context: ServerContext,
  connection: Connection,
  room: string,
): Promise<Member> {
  const { app, user } = connection.user
  return context.access.requirePoster(app, room, user)
}

async function liveMessage(
  context: ServerContext,
  connection: Connection,
  frame: { room: string; target: string },
): Promise<StoredMessage> {
  const message = await context.messages.getMessage(
    connection.user.app,
    frame.room,
    frame.target,
  )
  if (!message || message.deleted) throw new AlgochatError('message_not_found')
  return message
}
