/**
 * Engine.IO v4 over a WebSocket carries one packet per frame: a digit
 * for the packet type, then its data. Socket.IO packets ride in message
 * packets (`4`) with a second digit for their own type, an optional ack
 * id, and a JSON body. Only the default namespace is used.
 */
export type SocketIoFrame =
  | { kind: 'open'; pingInterval: number; pingTimeout: number }
  | { kind: 'ping' }
  | { kind: 'close' }
  | { kind: 'connect'; sid: string }
  | { kind: 'connect-error'; message: string }
  | { kind: 'disconnect' }
  | { kind: 'event'; name: string; args: unknown[] }
  | { kind: 'ack'; id: number; args: unknown[] }
  | { kind: 'other'; raw: string }

export function readSocketIoFrame(text: string): SocketIoFrame {
  switch (text[0]) {
    case '0': {
      const open = JSON.parse(text.slice(1)) as {
        pingInterval?: number
        pingTimeout?: number
      }
      return {
        kind: 'open',
        pingInterval: open.pingInterval ?? 25_000,
        pingTimeout: open.pingTimeout ?? 20_000,
      }
    }
    case '1':
      return { kind: 'close' }
    case '2':
      return { kind: 'ping' }
    case '4':
      return readSocketPacket(text)
    default:
      return { kind: 'other', raw: text }
  }
}

function readSocketPacket(text: string): SocketIoFrame {
  const type = text[1]
  let at = 2
  while (
    at < text.length &&
    text.charCodeAt(at) >= 48 &&
    text.charCodeAt(at) <= 57
  ) {
    at += 1
  }
  const id = at > 2 ? Number(text.slice(2, at)) : undefined
  const body =
    at < text.length ? (JSON.parse(text.slice(at)) as unknown) : undefined

  switch (type) {
    case '0':
      return { kind: 'connect', sid: String(field(body, 'sid') ?? '') }
    case '1':
      return { kind: 'disconnect' }
    case '2': {
      const [name, ...args] = Array.isArray(body) ? body : []
      return { kind: 'event', name: String(name), args }
    }
    case '3':
      return {
        kind: 'ack',
        id: id ?? -1,
        args: Array.isArray(body) ? body : [],
      }
    case '4':
      return {
        kind: 'connect-error',
        message: String(field(body, 'message') ?? 'refused'),
      }
    default:
      return { kind: 'other', raw: text }
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined
}

/** `42["name",...args]`, or `42<id>[...]` when an ack is wanted. */
export function socketIoEvent(
  name: string,
  args: readonly unknown[],
  ackId?: number,
): string {
  return `42${ackId ?? ''}${JSON.stringify([name, ...args])}`
}

/** The connect packet for the default namespace, with handshake auth. */
export function socketIoConnect(auth: Record<string, unknown>): string {
  return `40${JSON.stringify(auth)}`
}
