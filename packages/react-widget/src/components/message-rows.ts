import type { ChatMessage } from '@algochat/client'
import { dayKey } from '../text/dates.js'

/** How one message sits among its neighbours. */
export interface MessageRow {
  message: ChatMessage
  /** The first message of a new day: show the date above it. */
  newDay: boolean
  /** The first of a run by one author: show who and when. */
  newGroup: boolean
  /** Show the new-messages marker above it. */
  firstUnread: boolean
}

// Messages by one author further apart than this start a new group.
const groupGapMs = 5 * 60_000

/**
 * Groups messages by author and day, and finds where the unread ones
 * begin: the first message from someone else after `readSeq`.
 */
export function messageRows(
  messages: readonly ChatMessage[],
  me: string | undefined,
  readSeq: number | null,
): MessageRow[] {
  let previous: ChatMessage | undefined
  let marked = readSeq === null

  return messages.map((message) => {
    const newDay = !previous || dayKey(previous.at) !== dayKey(message.at)
    const newGroup =
      newDay ||
      previous?.user !== message.user ||
      message.at - previous.at > groupGapMs
    const firstUnread =
      !marked &&
      message.seq > (readSeq ?? 0) &&
      message.user !== me &&
      !message.deleted
    if (firstUnread) marked = true
    previous = message
    return { message, newDay, newGroup: newGroup || firstUnread, firstUnread }
  })
}
