// The SDK used directly from an ES module, no framework: connect, join the
// lobby, render the room's state whenever it changes, send.
import { ChatClient } from '/sdk/index.js'

const $ = (id) => document.getElementById(id)
const { server, app } = await (await fetch('/config.json')).json()

const client = new ChatClient({
  url: server,
  app,
  // Called on every connect and before the token expires.
  token: async () => (await (await fetch('/token')).json()).token,
})
client.on('status', (status) => ($('status').textContent = status))

const room = client.room('lobby')
room.subscribe(() => render(room.state))
await client.connect()
await room.join()

function render(state) {
  const me = client.user?.id
  const items = [
    ...state.messages.map((message) => ({
      who: message.user === me ? 'you' : message.user,
      text: message.deleted ? '(deleted)' : message.text,
      note: message.editedAt ? ' (edited)' : '',
    })),
    ...state.pending.map((message) => ({
      who: 'you',
      text: message.text,
      note: message.status === 'failed' ? ' (not sent)' : ' (sending…)',
    })),
  ]
  // Text goes in with textContent, never as HTML.
  $('messages').replaceChildren(
    ...items.map(({ who, text, note }) => {
      const item = document.createElement('li')
      const author = document.createElement('b')
      author.textContent = `${who}: `
      item.append(author, text + note)
      return item
    }),
  )
  $('typing').textContent = state.typing.length
    ? `${state.typing.join(', ')} typing…`
    : ''
  if (state.unread) room.markRead()
}

$('text').addEventListener('input', () => room.typing())
$('composer').addEventListener('submit', (event) => {
  event.preventDefault()
  const text = $('text').value.trim()
  if (!text) return
  // Shows in state.pending at once; queued while offline.
  room.send(text).catch((error) => console.warn('not sent:', error.code))
  $('text').value = ''
})
