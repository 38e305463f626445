import type { ServerFrame } from '@algochat/protocol'

/**
 * What the server said about one command the client sent, matched by the
 * command's clientId: `accepted` once it is in the message log,
 * `ack` once it is stored with its seq, `rejected` when it was refused.
 */
export type CommandReply =
  | { kind: 'accepted'; clientId: string }
  | { kind: 'ack'; clientId: string; seq: number }
  | { kind: 'rejected'; clientId: string; code: string }

const acceptedPrefix = '{"op":"accepted"'
const ackPrefix = '{"op":"ack"'
const errorPrefix = '{"op":"error"'

/**
 * The command reply in a raw frame, or undefined for any other frame.
 * Only frames that start like a reply are parsed, so a client that
 * tracks its commands pays nothing for the events it receives.
 */
export function readCommandReply(raw: string): CommandReply | undefined {
  if (
    !raw.startsWith(acceptedPrefix) &&
    !raw.startsWith(ackPrefix) &&
    !raw.startsWith(errorPrefix)
  ) {
    return undefined
  }

  const frame = JSON.parse(raw) as ServerFrame
  switch (frame.op) {
    case 'accepted':
      return { kind: 'accepted', clientId: frame.clientId }
    case 'ack':
      return { kind: 'ack', clientId: frame.clientId, seq: frame.seq }
    case 'error':
      // Errors that answer a request (auth, subscribe) carry no clientId.
      return frame.clientId === undefined
        ? undefined
        : { kind: 'rejected', clientId: frame.clientId, code: frame.code }
    default:
      return undefined
  }
}
