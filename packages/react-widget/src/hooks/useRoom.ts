import type { Room, RoomState } from '@algochat/client'
import { useCallback, useSyncExternalStore } from 'react'
import { useChatClient } from './useChatClient.js'

/** A room handle and its latest state. */
export interface UseRoomResult {
  room: Room
  state: RoomState
}

/**
 * Subscribes to room `id` while mounted and returns its state: messages
 * in seq order, pending sends, typing, presence, read marks. Components
 * using the same room share one server subscription.
 */
export function useRoom(id: string): UseRoomResult {
  const room = useChatClient().room(id)
  return { room, state: useRoomSelector(room, selectState) }
}

function selectState(state: RoomState): RoomState {
  return state
}

/**
 * Subscribes to `room` and returns one part of its state. The part must
 * be a value the SDK keeps (a field of the snapshot), so that it stays
 * the same object until it changes and unrelated updates skip a render.
 */
export function useRoomSelector<T>(
  room: Room,
  select: (state: RoomState) => T,
): T {
  const subscribe = useCallback(
    (changed: () => void) => room.subscribe(changed),
    [room],
  )
  return useSyncExternalStore(subscribe, () => select(room.state))
}
