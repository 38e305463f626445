import type { ServerFrame } from '@algochat/protocol'

/**
 * Classifies a server frame with as little work as the hot path allows.
 * Message events are the bulk of the traffic: their room and text are
 * cut out with string searches instead of a full parse, relying on the
 * server writing `op` first and event fields in a fixed order. Anything
 * unusual (escapes in the text, other layouts) falls back to JSON.parse,
 * so the shortcut can only save time, never misread a frame.
 */
export type InboundFrame =
  | { kind: 'message'; room: string; seq: number; text: string }
  | { kind: 'routine' }
  | { kind: 'other'; frame: ServerFrame }

const routine: InboundFrame = { kind: 'routine' }

/** Frames the benchmark neither measures nor waits for. */
const routinePrefixes = [
  '{"op":"accepted"',
  '{"op":"ack"',
  '{"op":"presence"',
  '{"op":"pong"',
  '{"op":"typing"',
  '{"op":"read"',
]

const eventPrefix = '{"op":"event","event":{'
const roomKey = '"room":"'
const messageKey = '"kind":"message","text":"'
const seqKey = '"seq":'

export function readFrame(raw: string): InboundFrame {
  if (raw.startsWith(eventPrefix)) return readEvent(raw)
  for (const prefix of routinePrefixes) {
    if (raw.startsWith(prefix)) return routine
  }
  return { kind: 'other', frame: JSON.parse(raw) as ServerFrame }
}

function readEvent(raw: string): InboundFrame {
  const roomStart = raw.indexOf(roomKey, eventPrefix.length)
  const kindAt = raw.indexOf(messageKey, eventPrefix.length)
  if (roomStart < 0 || kindAt < 0) return parseEvent(raw)

  const roomFrom = roomStart + roomKey.length
  const roomEnd = raw.indexOf('"', roomFrom)
  const textFrom = kindAt + messageKey.length
  const textEnd = raw.indexOf('"', textFrom)
  if (roomEnd < 0 || textEnd < 0) return parseEvent(raw)

  const seqAt = raw.indexOf(seqKey, roomEnd)
  if (seqAt < 0 || seqAt > kindAt) return parseEvent(raw)
  const seq = Number.parseInt(raw.slice(seqAt + seqKey.length, kindAt), 10)

  const text = raw.slice(textFrom, textEnd)
  if (text.includes('\\') || !Number.isInteger(seq)) return parseEvent(raw)
  return { kind: 'message', room: raw.slice(roomFrom, roomEnd), seq, text }
}

function parseEvent(raw: string): InboundFrame {
  const frame = JSON.parse(raw) as ServerFrame
  if (frame.op === 'event' && frame.event.kind === 'message') {
    const { room, seq, text } = frame.event
    return { kind: 'message', room, seq, text }
  }
  return routine
}
