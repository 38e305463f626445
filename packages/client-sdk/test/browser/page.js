/* global indexedDB */
// Runs inside Chromium. Kept as plain JavaScript and served as is, so no
// test transform touches the code the browser executes.
import { ChatClient } from '/sdk.js'

/** Waits until `check(room.state)` holds, re-checking on every change. */
function until(room, check) {
  return new Promise((resolve) => {
    const test = () => {
      if (!check(room.state)) return
      stop()
      resolve()
    }
    const stop = room.subscribe(test)
    test()
  })
}

/** Connection attempts fail (the server is down): sends are queued. */
window.sendOffline = async (options, roomId, texts) => {
  const client = new ChatClient(options)
  client.connect().catch(() => {})
  const room = client.room(roomId)
  room.subscribe(() => {})
  for (const text of texts) room.send(text).catch(() => {})
  return room.state.pending.map((message) => message.text)
}

window.outboxSize = (app) =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open(`algochat-outbox:${app}`)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      if (!db.objectStoreNames.contains('outbox')) return resolve(0)
      const count = db.transaction('outbox').objectStore('outbox').count()
      count.onsuccess = () => {
        db.close()
        resolve(count.result)
      }
    }
  })

/** After a reload: what reappears as pending, then what gets stored. */
window.resumeAfterReload = async (options, roomId, expected) => {
  const client = new ChatClient(options)
  const room = client.room(roomId)
  await until(room, (state) => state.pending.length === expected)
  const pending = room.state.pending.map((message) => message.text)

  await client.connect()
  await until(
    room,
    (state) => state.pending.length === 0 && state.messages.length === expected,
  )
  const texts = room.state.messages.map((message) => message.text)
  await client.close()
  return { pending, texts }
}

/** Joins, waits for `awaited` from someone else, answers with `reply`. */
window.answer = async (options, roomId, awaited, reply) => {
  const client = new ChatClient(options)
  await client.connect()
  const room = client.room(roomId)
  await room.join()
  await until(room, (state) => state.messages.some((m) => m.text === awaited))
  const sent = await room.send(reply)
  await client.close()
  return sent.text
}

window.pageReady = true
