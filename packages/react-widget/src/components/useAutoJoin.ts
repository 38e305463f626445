import type { AlgochatError, Room, RoomState } from '@algochat/client'
import { useEffect, useRef } from 'react'
import { useConnectionStatus } from '../hooks/useConnectionStatus.js'
import { useCurrentUser } from '../hooks/useCurrentUser.js'

/**
 * Joins `room` when the server says the user is not a member (public
 * rooms the page offers). One attempt per room and user: a join lost to
 * a dropped connection is tried again once the client is back online, a
 * refusal (a private room) stays on the state and shows. A new user (a
 * guest whose session was replaced) gets their own attempt.
 */
export function useAutoJoin(
  room: Room,
  state: RoomState,
  enabled: boolean,
  onJoined: (() => void) | undefined,
): void {
  const status = useConnectionStatus()
  const user = useCurrentUser()?.id
  const notMember = state.error?.code === 'not_member'
  const joined = useRef(onJoined)
  joined.current = onJoined
  const attempted = useRef<{ room: Room; user: string | undefined }>()

  useEffect(() => {
    if (!enabled || !notMember || status !== 'online') return
    const attempt = { room, user }
    const last = attempted.current
    if (last?.room === room && last.user === user) return
    attempted.current = attempt

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
        if (error.retryable && attempted.current === attempt) {
          attempted.current = undefined
        }
      },
    )
  }, [enabled, notMember, room, status, user])
}
