import type { ChatClient } from '@algochat/client'
import { useEffect, useMemo, type ReactNode } from 'react'
import { defaultStrings, type ChatStrings } from '../i18n/strings.js'
import { ChatContext, type ChatContextValue } from './chat-context.js'
import { defaultDisplayName } from './display-name.js'

export interface ChatProviderProps {
  /** The client every hook and component below uses. */
  client: ChatClient
  /**
   * Calls `client.connect()` when mounted. Closing stays with whoever
   * created the client.
   * @default true
   */
  connect?: boolean
  /** Replacements for any of the default English strings. */
  strings?: Partial<ChatStrings>
  /** Locale for dates and times. @default the browser's */
  locale?: string
  /**
   * The name shown for a user id. The protocol carries ids only, so a
   * site that knows its users' names passes them in here.
   * @default "You" for the current user, "Guest 4f2a" for guests, else the id
   */
  displayName?: (user: string) => string | undefined
  children?: ReactNode
}

/** Makes a `ChatClient` available to the hooks and components inside. */
export function ChatProvider({
  client,
  connect = true,
  strings,
  locale,
  displayName,
  children,
}: ChatProviderProps): ReactNode {
  useEffect(() => {
    // Failures reach the status and the client's onError; nothing to add.
    if (connect) client.connect().catch(() => {})
  }, [client, connect])

  const value = useMemo<ChatContextValue>(() => {
    const merged = { ...defaultStrings, ...strings }
    return {
      client,
      strings: merged,
      locale,
      displayName: (user) =>
        displayName?.(user) ?? defaultDisplayName(user, client, merged),
    }
  }, [client, strings, locale, displayName])

  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>
}
