import type { ChatMessage } from '@algochat/client'
import { useState, type ReactNode } from 'react'
import { useRoom } from '../hooks/useRoom.js'
import { classNames } from './class-names.js'
import { Composer } from './Composer.js'
import { MessageList } from './MessageList.js'
import { TypingIndicator } from './TypingIndicator.js'
import { useAutoJoin } from './useAutoJoin.js'

export interface ChatRoomProps {
  roomId: string
  /**
   * Joins the room when the user is not a member yet (public rooms).
   * @default true
   */
  join?: boolean
  /** Called after the room was joined, e.g. to refresh a room list. */
  onJoined?: () => void
  /** See `MessageList`. @default true */
  visible?: boolean | undefined
  quickReactions?: readonly string[] | undefined
  className?: string
}

/** One conversation: messages, who is typing, and the composer. */
export function ChatRoom({
  roomId,
  join = true,
  onJoined,
  visible,
  quickReactions,
  className,
}: ChatRoomProps): ReactNode {
  const { room, state } = useRoom(roomId)
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null)
  useAutoJoin(room, state, join, onJoined)

  return (
    <div className={classNames('ac-room', className)}>
      <MessageList
        key={roomId}
        roomId={roomId}
        onReply={setReplyTo}
        visible={visible}
        quickReactions={quickReactions}
      />
      <TypingIndicator roomId={roomId} />
      <Composer
        roomId={roomId}
        replyTo={replyTo}
        onReplyDone={() => setReplyTo(null)}
      />
    </div>
  )
}
