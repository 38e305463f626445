import type { RoomSummary } from '@algochat/protocol'
import type { Membership } from '../ports/account-store.js'
import type { MessageStore } from '../ports/message-store.js'

/** Unread counts stop here: a badge shows "99+" long before this. */
export const unreadCap = 100

/**
 * Summaries of rooms for one user with last seq and unread count, in two
 * store reads whatever the number of rooms.
 */
export async function summarizeRooms(
  messages: MessageStore,
  app: string,
  memberships: Membership[],
): Promise<RoomSummary[]> {
  if (memberships.length === 0) return []
  const rooms = memberships.map((membership) => membership.room)
  const [lastSeqs, unread] = await Promise.all([
    messages.lastSeqs(app, rooms),
    messages.unreadCounts(
      app,
      memberships.map(({ room, readSeq }) => ({ room, after: readSeq })),
      unreadCap,
    ),
  ])

  return memberships.map((membership) => ({
    id: membership.room,
    kind: membership.kind,
    name: membership.name,
    role: membership.role,
    lastSeq: lastSeqs.get(membership.room) ?? 0,
    readSeq: membership.readSeq,
    unread: unread.get(membership.room) ?? 0,
  }))
}
