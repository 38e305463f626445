import type { AlgochatError, Room, RoomState } from '@algochat/client'
import { useEffect, useRef } from 'react'
import { useConnectionStatus } from '../hooks/useConnectionStatus.js'

/**
 * Joins `room` when the server says the user is not a member (public
 * rooms the page offers). One attempt per room: a join lost to a dropped
 * connection is tried again once the client is back online, a refusal
 * (a private room) stays on the state and shows.
 */
export function useAutoJoin(
  room: Room,
  state: RoomState,
  enabled: boolean,
  onJoined: (() => void) | undefined,
): void {
  const status = useConnectionStatus()
  const notMember = state.error?.code === 'not_member'
  const joined = useRef(onJoined)
  joined.current = onJoined
  const attempted = useRef<Room | null>(null)

  useEffect(() => {
    if (!enabled || !notMember || status !== 'online') return
    if (attempted.current === room) return
    attempted.current = room

    room.join().then(
      () => {
        // Messages sent before the join went through were refused; they
        // were meant for this room, so they go out again now.
        for (const message of room.state.pending) {
          if (message.error?.code === 'not_member') {
            room.retry(message.clientId).catch(() => {})
          }
        }
        joined.current?.()
      },
      (error: AlgochatError) => {
        if (error.retryable && attempted.current === room) {
          attempted.current = null
        }
      },
    )
  }, [enabled, notMember, room, status])
}
