import type { RoomEvent } from '@algochat/protocol'
import type { LogCommand } from '../ports/message-log.js'

/** Turns an accepted command into the event the sequencer stores. */
export function eventFromCommand(
  command: LogCommand,
  id: string,
  seq: number,
  at: number,
): RoomEvent {
  const base = {
    id,
    room: command.room,
    seq,
    user: command.user,
    clientId: command.clientId,
    at,
  }

  switch (command.op) {
    case 'send':
      return {
        ...base,
        kind: 'message',
        text: command.text,
        ...(command.parent === undefined ? {} : { parent: command.parent }),
        ...(command.mentions?.length ? { mentions: command.mentions } : {}),
      }
    case 'edit':
      return {
        ...base,
        kind: 'edit',
        target: command.target,
        text: command.text,
      }
    case 'delete':
      return { ...base, kind: 'delete', target: command.target }
    case 'react':
      return {
        ...base,
        kind: 'reaction',
        target: command.target,
        emoji: command.emoji,
        on: command.on,
      }
  }
}
