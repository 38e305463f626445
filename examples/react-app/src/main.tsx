import { ChatClient } from '@algochat/client'
import '@algochat/react/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'

const { server, app } = (await (await fetch('/config.json')).json()) as {
  server: string
  app: string
}

// One client for the whole app; your backend's endpoint supplies tokens.
const client = new ChatClient({
  url: server,
  app,
  token: async () => {
    const response = await fetch('/token', { credentials: 'include' })
    return ((await response.json()) as { token: string }).token
  },
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
)
