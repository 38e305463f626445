import type { ChatUser } from '@algochat/client'
import { useCallback, useSyncExternalStore } from 'react'
import { useChatClient } from './useChatClient.js'

/**
 * The signed-in user, or null before the first connection. The user is
 * learnt when the client goes online, so status changes drive updates.
 */
export function useCurrentUser(): ChatUser | null {
  const client = useChatClient()
  const subscribe = useCallback(
    (changed: () => void) => client.on('status', changed),
    [client],
  )
  return useSyncExternalStore(subscribe, () => client.user)
}
