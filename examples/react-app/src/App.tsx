import type { ChatClient } from '@algochat/client'
import { ChatProvider, ChatWidget } from '@algochat/react'
import { Presence } from './Presence.js'

/**
 * The ready-made floating widget, plus a small piece of the page built
 * from the hooks: who is in the lobby right now.
 */
export function App({ client }: { client: ChatClient }) {
  return (
    <ChatProvider client={client}>
      <main className="page">
        <h1>React example</h1>
        <p>
          The chat button is <code>&lt;ChatWidget /&gt;</code>; the line below
          comes from <code>usePresence</code> and{' '}
          <code>useConnectionStatus</code>.
        </p>
        <Presence room="lobby" />
      </main>
      <ChatWidget rooms={['lobby']} />
    </ChatProvider>
  )
}
