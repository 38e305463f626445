import { useCallback } from 'react'
import { useChatClient } from './useChatClient.js'
import { useRoomSelector } from './useRoom.js'

export interface UseTypingResult {
  /** Ids of the other users typing in the room now. */
  typing: readonly string[]
  /** Tells the room this user is typing; throttled, so call it on every keystroke. */
  notify: () => void
}

/** Who is typing in room `id`, and how to say that this user is. */
export function useTyping(id: string): UseTypingResult {
  const room = useChatClient().room(id)
  const typing = useRoomSelector(room, (state) => state.typing)
  const notify = useCallback(() => room.typing(), [room])
  return { typing, notify }
}
