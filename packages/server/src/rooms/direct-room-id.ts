import { createHash } from 'node:crypto'

/**
 * The one room id two users share for direct messages, whichever of them
 * asks. Long user ids are hashed so the id stays within the id limit.
 */
export function directRoomId(a: string, b: string): string {
  const [first, second] = a < b ? [a, b] : [b, a]
  const plain = `dm:${first}:${second}`
  if (plain.length <= 128) return plain
  const digest = createHash('sha256').update(`${first}\n${second}`).digest()
  return `dm:${digest.toString('base64url')}`
}
