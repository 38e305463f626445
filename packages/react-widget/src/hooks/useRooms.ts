import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { roomDirectory, type RoomEntry } from '../store/room-directory.js'
import { useChatClient } from './useChatClient.js'

export interface UseRoomsResult {
  /** Joined rooms first, then the offered ones not joined yet. */
  rooms: readonly RoomEntry[]
  /** Sum of the unread counts. */
  unread: number
  /** Reloads the list from the server, e.g. after joining a room. */
  refresh: () => Promise<void>
}

/**
 * The current user's rooms with live unread counts. Each listed room is
 * kept subscribed while a component uses this hook.
 * @param offered Room ids the page offers even before the user joins
 * them (public rooms, a support room); they are listed after the rest.
 */
export function useRooms(offered: readonly string[] = []): UseRoomsResult {
  const directory = roomDirectory(useChatClient())
  const subscribe = useCallback(
    (changed: () => void) => directory.subscribe(changed),
    [directory],
  )
  const joined = useSyncExternalStore(subscribe, () => directory.rooms)
  const refresh = useCallback(() => directory.refresh(), [directory])
  const key = offered.join('\n')

  return useMemo(() => {
    const known = new Set(joined.map((room) => room.id))
    const rooms = [
      ...joined,
      ...(key ? key.split('\n') : [])
        .filter((id) => !known.has(id))
        .map((id) => ({ id, name: null, unread: 0, joined: false })),
    ]
    const unread = rooms.reduce((sum, room) => sum + room.unread, 0)
    return { rooms, unread, refresh }
  }, [joined, key, refresh])
}
