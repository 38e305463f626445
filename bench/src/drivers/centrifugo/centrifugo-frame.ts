/**
 * Centrifugo's JSON client protocol: every WebSocket frame holds one or
 * more JSON objects separated by newlines. A reply carries the `id` of
 * its command and either a result under the command's name or `error`;
 * a push has no id; an empty object is the server's ping.
 */
export type CentrifugoMessage =
  | { kind: 'ping' }
  | { kind: 'publication'; channel: string; data: unknown }
  | { kind: 'reply'; id: number; error: CentrifugoError | undefined }
  | { kind: 'disconnect'; code: number; reason: string }
  | { kind: 'other' }

export interface CentrifugoError {
  code: number
  message: string
}

interface RawMessage {
  id?: number
  error?: CentrifugoError
  push?: {
    channel?: string
    pub?: { data?: unknown }
    disconnect?: { code?: number; reason?: string }
  }
}

export function readCentrifugoFrame(text: string): CentrifugoMessage[] {
  const messages: CentrifugoMessage[] = []
  for (const line of text.split('\n')) {
    if (line.length === 0) continue
    messages.push(readMessage(JSON.parse(line) as RawMessage))
  }
  return messages
}

function readMessage(raw: RawMessage): CentrifugoMessage {
  if (raw.id !== undefined && raw.id > 0) {
    return { kind: 'reply', id: raw.id, error: raw.error }
  }
  const push = raw.push
  if (push?.pub) {
    return {
      kind: 'publication',
      channel: push.channel ?? '',
      data: push.pub.data,
    }
  }
  if (push?.disconnect) {
    return {
      kind: 'disconnect',
      code: push.disconnect.code ?? 0,
      reason: push.disconnect.reason ?? '',
    }
  }
  if (Object.keys(raw).length === 0) return { kind: 'ping' }
  return { kind: 'other' }
}
