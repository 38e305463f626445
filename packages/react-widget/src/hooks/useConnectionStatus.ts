import type { ClientStatus } from '@algochat/client'
import { useCallback, useSyncExternalStore } from 'react'
import { useChatClient } from './useChatClient.js'

/** The client's connection status; re-renders when it changes. */
export function useConnectionStatus(): ClientStatus {
  const client = useChatClient()
  const subscribe = useCallback(
    (changed: () => void) => client.on('status', changed),
    [client],
  )
  return useSyncExternalStore(subscribe, () => client.status)
}
