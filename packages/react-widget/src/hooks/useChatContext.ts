import { useContext } from 'react'
import { ChatContext, type ChatContextValue } from '../context/chat-context.js'

/** The provider's value; throws when used outside `<ChatProvider>`. */
export function useChatContext(): ChatContextValue {
  const value = useContext(ChatContext)
  if (!value) {
    throw new Error('Algochat hooks need a <ChatProvider client={…}> above')
  }
  return value
}
