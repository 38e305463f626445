import type { ChatClient } from '@algochat/client'
import { render, type RenderResult } from '@testing-library/react'
import type { ReactNode } from 'react'
import { ChatProvider } from '../../src/context/ChatProvider.js'
import type { ChatStrings } from '../../src/i18n/strings.js'
import type { FakeChatServer } from './fake-chat-server.js'

export interface RenderChatOptions {
  user?: string
  /** Connect on mount. @default true */
  connect?: boolean
  strings?: Partial<ChatStrings>
}

const clients: ChatClient[] = []

/** Renders `ui` inside a provider whose client talks to `server`. */
export function renderChat(
  server: FakeChatServer,
  ui: ReactNode,
  { user = 'me', connect = true, strings }: RenderChatOptions = {},
): RenderResult & { client: ChatClient } {
  const client = server.client(user)
  clients.push(client)
  const result = render(
    <ChatProvider
      client={client}
      connect={connect}
      {...(strings && { strings })}
    >
      {ui}
    </ChatProvider>,
  )
  return { ...result, client }
}

/** Closes the clients the tests created. */
export async function closeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((client) => client.close()))
}
