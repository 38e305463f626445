/**
 * The message text the benchmark sends: who sent it, where, its sequence
 * and when, padded to a fixed size. Only characters that need no JSON
 * escaping are used, so a driver can cut the text out of a frame
 * without parsing it, and the size on the wire is the size asked for.
 *
 * Times are microseconds on the harness's monotonic clock: the same
 * process writes and reads them, so no clock sync is involved.
 */
export interface PayloadFields {
  room: number
  /** The sender's slot in the room. */
  sender: number
  /** 1-based, per sender and room. */
  seq: number
  /** When the harness handed the message to the driver. */
  sentAt: number
  /** When the open-loop schedule wanted it sent; <= sentAt. */
  intendedAt: number
}

const tag = 'ab1'
const separator = '.'
const padding = '-'

/** The shortest payload any fields fit in, with room to spare. */
export const minPayloadBytes = 64

export function encodePayload(fields: PayloadFields, size: number): string {
  const head = [
    tag,
    fields.room,
    fields.sender,
    fields.seq,
    Math.round(fields.sentAt),
    Math.round(fields.intendedAt),
    '',
  ].join(separator)
  if (head.length > size) {
    throw new RangeError(`payload needs ${head.length} bytes, got ${size}`)
  }
  return head + padding.repeat(size - head.length)
}

/** The fields of a benchmark payload, or undefined for any other text. */
export function decodePayload(text: string): PayloadFields | undefined {
  if (!text.startsWith(tag + separator)) return undefined
  const parts = text.split(separator, 6)
  if (parts.length < 6) return undefined

  const room = Number(parts[1])
  const sender = Number(parts[2])
  const seq = Number(parts[3])
  const sentAt = Number(parts[4])
  const intendedAt = Number(parts[5])
  if (
    !Number.isInteger(room) ||
    !Number.isInteger(sender) ||
    !Number.isInteger(seq) ||
    !Number.isFinite(sentAt) ||
    !Number.isFinite(intendedAt)
  ) {
    return undefined
  }
  return { room, sender, seq, sentAt, intendedAt }
}
