import { useCallback } from 'react'
import { useChatClient } from './useChatClient.js'
import { useRoomSelector } from './useRoom.js'

export interface UseUnreadResult {
  /** Loaded messages from others after this user's read mark. */
  unread: number
  /** Moves the read mark to the newest message and tells the server. */
  markRead: () => void
}

/** The unread count of room `id`. */
export function useUnread(id: string): UseUnreadResult {
  const room = useChatClient().room(id)
  const unread = useRoomSelector(room, (state) => state.unread)
  const markRead = useCallback(() => room.markRead(), [room])
  return { unread, markRead }
}
