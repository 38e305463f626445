// A deliberately small client of the raw protocol (docs/protocol.md):
// guest token, join and subscribe to the lobby, send, render, resume.
const app = 'demo'
const room = 'lobby'
const $ = (id) => document.getElementById(id)

let token = null
let me = null
let socket = null
let lastSeq = 0
let attempt = 0
const names = new Map()
const shown = new Map()

$('login').addEventListener('submit', async (event) => {
  event.preventDefault()
  const name = $('name').value.trim() || 'Guest'
  const response = await fetch(`/v1/apps/${app}/guests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  })
  const guest = await response.json()
  if (!response.ok) return alert(guest.message)
  token = guest.token
  me = guest.user
  names.set(me, name)
  $('login').hidden = true
  $('chat').hidden = false
  connect()
})

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  socket = new WebSocket(`${scheme}://${location.host}/v1/ws?app=${app}`)
  socket.onopen = () => send({ op: 'auth', ref: 'auth', token })
  socket.onmessage = (message) => receive(JSON.parse(message.data))
  socket.onclose = () => {
    $('status').textContent = 'reconnecting…'
    const delay = Math.random() * Math.min(10_000, 500 * 2 ** attempt++)
    setTimeout(connect, delay)
  }
}

function send(frame) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame))
}

function receive(frame) {
  switch (frame.op) {
    case 'welcome':
      attempt = 0
      $('status').textContent = `online as ${frame.user.name}`
      setInterval(() => send({ op: 'ping' }), frame.heartbeatMs)
      send({ op: 'join', ref: 'join', room })
      return
    case 'ok':
      if (frame.ref === 'join') {
        send({ op: 'subscribe', room, since: lastSeq })
        if (lastSeq === 0) send({ op: 'history', room, limit: 50 })
      }
      return
    case 'history':
      frame.messages.forEach(render)
      return
    case 'subscribed':
    case 'replay':
      frame.events.forEach(render)
      return
    case 'event':
      if (frame.event.seq > lastSeq + 1 && lastSeq > 0) {
        send({ op: 'replay', room, after: lastSeq })
      }
      render(frame.event)
      return
    case 'typing':
      $('typing').textContent = `${frame.user.slice(0, 12)}… is typing`
      setTimeout(() => ($('typing').textContent = ''), 3000)
      return
    case 'error':
      $('status').textContent = `${frame.code}: ${frame.message}`
      return
  }
}

function render(event) {
  lastSeq = Math.max(lastSeq, event.seq)
  if (event.kind !== 'message' || shown.has(event.id)) return
  const item = document.createElement('li')
  const author = document.createElement('span')
  author.className = 'author'
  author.textContent = event.user === me ? 'you' : event.user.slice(0, 14)
  const text = document.createElement('span')
  text.textContent = event.deleted ? '(deleted)' : event.text
  item.append(author, text)
  shown.set(event.id, item)
  const list = $('messages')
  list.append(item)
  list.scrollTop = list.scrollHeight
}

$('composer').addEventListener('submit', (event) => {
  event.preventDefault()
  const text = $('text').value.trim()
  if (!text) return
  send({ op: 'send', room, clientId: crypto.randomUUID(), text })
  $('text').value = ''
})

$('text').addEventListener('input', () => send({ op: 'typing', room }))
