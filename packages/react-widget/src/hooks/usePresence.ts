import { useChatClient } from './useChatClient.js'
import { useRoomSelector } from './useRoom.js'

/** Ids of the users online in room `id`, this user included. */
export function usePresence(id: string): readonly string[] {
  const room = useChatClient().room(id)
  return useRoomSelector(room, (state) => state.online)
}
