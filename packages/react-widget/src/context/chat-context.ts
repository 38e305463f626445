import type { ChatClient } from '@algochat/client'
import { createContext } from 'react'
import type { ChatStrings } from '../i18n/strings.js'

/** What `<ChatProvider>` shares with the hooks and components below it. */
export interface ChatContextValue {
  client: ChatClient
  strings: ChatStrings
  /** BCP 47 tag for dates and times; the browser's when undefined. */
  locale: string | undefined
  /** The name shown for a user id. */
  displayName: (user: string) => string
}

export const ChatContext = createContext<ChatContextValue | null>(null)
