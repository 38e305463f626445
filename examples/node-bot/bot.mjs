// A bot that lives in the lobby and answers "!help", "!time" and
// "!echo <text>". It uses the SDK in Node exactly as a page would, with a
// WebSocket class passed in.
import { createRequire } from 'node:module'
import {
  ChatClient,
  MemoryOutboxStore,
} from '../../packages/client-sdk/dist/index.js'
import { chatServer, devApp, signToken } from '../shared/dev-app.mjs'

// In your own project: `npm i @algochat/client ws` and
// `import { WebSocket } from 'ws'`. Here `ws` is borrowed from the SDK's
// workspace, and Node 22+ has a WebSocket of its own.
const WebSocket =
  globalThis.WebSocket ??
  createRequire(new URL('../../packages/client-sdk/', import.meta.url))('ws')
    .WebSocket

const app = devApp()
const roomId = process.argv[2] ?? 'lobby'

const client = new ChatClient({
  url: chatServer,
  app: app.id,
  token: () => signToken(app, 'helper-bot', 'Helper bot'),
  WebSocket,
  // Node has no IndexedDB; what the bot says while offline waits here.
  outbox: new MemoryOutboxStore(),
  onError: (error) => console.warn('algochat:', error.code, error.message),
})
client.on('status', (status) => console.log('status:', status))

const room = client.room(roomId)
await client.connect()
await room.join()

// Only messages that arrive after the bot is caught up get answers.
let answeredUpTo = Infinity
room.subscribe(() => {
  const { messages, synced } = room.state
  if (!synced) return
  if (answeredUpTo === Infinity) answeredUpTo = messages.at(-1)?.seq ?? 0

  for (const message of messages) {
    if (message.seq <= answeredUpTo) continue
    answeredUpTo = message.seq
    if (message.user === client.user?.id || message.deleted) continue
    const reply = answer(message.text.trim())
    if (reply) {
      room
        .send(reply, { parent: message.id })
        .catch((error) => console.warn('reply refused:', error.code))
    }
  }
  room.markRead()
})

console.log(`bot in "${roomId}" on ${chatServer}; say !help there`)

function answer(text) {
  if (text === '!help') return 'I know !time and !echo <text>.'
  if (text === '!time') return `It is ${new Date().toUTCString()}.`
  if (text.startsWith('!echo ')) return text.slice(6)
  return undefined
}

process.on('SIGINT', async () => {
  await client.close()
  process.exit(0)
})
