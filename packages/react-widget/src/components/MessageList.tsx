import type { ChatMessage } from '@algochat/client'
import {
  Fragment,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { useCurrentUser } from '../hooks/useCurrentUser.js'
import { useRoom } from '../hooks/useRoom.js'
import { dayLabel } from '../text/dates.js'
import { classNames } from './class-names.js'
import { messageRows, type UnreadRange } from './message-rows.js'
import { MessageItem } from './MessageItem.js'
import { PendingItem } from './PendingItem.js'
import { useAnnouncement } from './useAnnouncement.js'
import { useScrollKeeper } from './useScrollKeeper.js'

export interface MessageListProps {
  roomId: string
  /**
   * Whether the user can see the list; while true, reaching the newest
   * message marks the room read.
   * @default true
   */
  visible?: boolean | undefined
  /** Shows a Reply button on messages and calls this when it is pressed. */
  onReply?: (message: ChatMessage) => void
  /** One-click reactions offered on every message. @default ['👍'] */
  quickReactions?: readonly string[] | undefined
  className?: string
}

const defaultReactions = ['👍']

/**
 * The messages of a room, grouped by day and author, followed by this
 * user's pending sends. Older pages load when scrolled to the top (or
 * with the button there) without moving what is on screen; a marker shows
 * where the unread messages began, and a live region reads out new ones.
 */
export function MessageList({
  roomId,
  visible = true,
  onReply,
  quickReactions = defaultReactions,
  className,
}: MessageListProps): ReactNode {
  const { strings, locale } = useChatContext()
  const { room, state } = useRoom(roomId)
  const me = useCurrentUser()?.id
  const [loading, setLoading] = useState(false)

  // Where the unread messages began when the room was first caught up;
  // it stays put while the user reads on.
  const [unread, setUnread] = useState<UnreadRange | null>(null)

  const rows = useMemo(
    () => messageRows(state.messages, me, unread),
    [state.messages, me, unread],
  )

  const keeper = useScrollKeeper(state.messages[0]?.id, state.pending.length, [
    state.messages,
    state.pending,
  ])
  const announcement = useAnnouncement(state, me)

  const loadOlder = (): void => {
    if (loading || !state.hasOlder) return
    setLoading(true)
    room
      .loadOlder()
      .catch(() => {})
      .finally(() => setLoading(false))
  }

  // Reading the newest message, with the list in view in a visible tab,
  // marks it read; the marker's place is taken first, so reading cannot
  // move it.
  const markRead = (): void => {
    if (!visible || state.unread === 0 || document.hidden) return
    if (keeper.atBottom()) room.markRead()
  }
  useLayoutEffect(() => {
    if (!state.synced) return
    if (unread === null) {
      setUnread({ after: state.readSeq, upTo: state.lastSeq })
    } else markRead()
  })
  useEffect(() => {
    const seen = (): void => {
      if (!document.hidden && room.state.unread > 0 && keeper.atBottom()) {
        room.markRead()
      }
    }
    document.addEventListener('visibilitychange', seen)
    return () => document.removeEventListener('visibilitychange', seen)
  }, [room, keeper])

  const onScroll = (): void => {
    keeper.scrolled()
    if (keeper.atTop()) loadOlder()
    if (unread !== null) markRead()
  }

  return (
    <div className={classNames('ac-log', className)}>
      <ol
        ref={keeper.ref}
        className="ac-list"
        tabIndex={0}
        aria-label={strings.messages}
        aria-busy={loading || !state.synced}
        onScroll={onScroll}
      >
        {state.hasOlder && (
          <li className="ac-older">
            <button type="button" onClick={loadOlder} disabled={loading}>
              {loading ? strings.loading : strings.loadOlder}
            </button>
          </li>
        )}
        {state.synced && !rows.length && !state.pending.length && (
          <li className="ac-empty">{strings.empty}</li>
        )}
        {state.error && <li className="ac-empty">{strings.unavailable}</li>}
        {rows.map((row) => (
          <Fragment key={row.message.id}>
            {row.newDay && (
              <li className="ac-day">
                {dayLabel(row.message.at, locale, strings)}
              </li>
            )}
            {row.firstUnread && (
              <li className="ac-marker" data-marker="">
                {strings.newMessages}
              </li>
            )}
            <MessageItem
              row={row}
              room={room}
              me={me}
              quickReactions={quickReactions}
              onReply={onReply}
            />
          </Fragment>
        ))}
        {state.pending.map((message) => (
          <PendingItem key={message.clientId} message={message} room={room} />
        ))}
      </ol>
      <div className="ac-sr" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  )
}
