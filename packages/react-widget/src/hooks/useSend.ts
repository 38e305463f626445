import type { ChatMessage, SendOptions } from '@algochat/client'
import { useCallback } from 'react'
import { useChatClient } from './useChatClient.js'

/**
 * A function that sends a message to room `id`. The message shows in the
 * room's `pending` at once; the promise settles when it is stored, or
 * rejects when the server refuses it for good (it then shows as failed).
 */
export function useSend(
  id: string,
): (text: string, options?: SendOptions) => Promise<ChatMessage> {
  const client = useChatClient()
  return useCallback(
    (text: string, options?: SendOptions) =>
      client.room(id).send(text, options),
    [client, id],
  )
}
