import type { ChatClient } from '@algochat/client'
import { useChatContext } from './useChatContext.js'

/** The `ChatClient` of the nearest `<ChatProvider>`. */
export function useChatClient(): ChatClient {
  return useChatContext().client
}
