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
  /** The message it replies to, when that one is loaded. */
  parent: ChatMessage | undefined
}

// Messages by one author further apart than this start a new group.
const groupGapMs = 5 * 60_000

/** The unread stretch when the room was opened: seqs in (after, upTo]. */
export interface UnreadRange {
  after: number
  upTo: number
}

/**
 * Groups messages by author and day, and finds where the unread ones
 * begin: the first message from someone else in `unread`. Messages that
 * arrive while the room is open are read as they come, and a marker
 * above the very first loaded message would say nothing, so neither
 * gets one. A reply comes after the message it answers, so its parent,
 * when loaded, is among the messages already passed.
 */
export function messageRows(
  messages: readonly ChatMessage[],
  me: string | undefined,
  unread: UnreadRange | null,
): MessageRow[] {
  let previous: ChatMessage | undefined
  let marked = unread === null
  // Keyed by id; a message with no parent (undefined) finds none.
  const passed = new Map<string | undefined, ChatMessage>()

  return messages.map((message) => {
    const newDay = !previous || dayKey(previous.at) !== dayKey(message.at)
    const newGroup =
      newDay ||
      previous?.user !== message.user ||
      message.at - previous.at > groupGapMs
    const candidate =
      !marked &&
      message.seq > (unread?.after ?? 0) &&
      message.user !== me &&
      !message.deleted
    if (candidate) marked = true
    const firstUnread =
      candidate && previous !== undefined && message.seq <= (unread?.upTo ?? 0)
    const parent = passed.get(message.parent)
    passed.set(message.id, message)
    previous = message
    return {
      message,
      newDay,
      newGroup: newGroup || firstUnread,
      firstUnread,
      parent,
    }
  })
}
